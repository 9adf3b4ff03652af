using System.Buffers.Binary;

namespace Themis.Packets.RoCE;

/// <summary>
/// InfiniBand Base Transport Header as carried by RoCEv2 (IBA vol. 1 §9.2). Wire layout, big-endian:
/// <code>
/// byte 0      opcode
/// byte 1      SE(1) M(1) PadCnt(2) TVer(4)
/// bytes 2-3   P_Key
/// byte 4      FECN(1) BECN(1) resv6(6)
/// bytes 5-7   DestQP
/// byte 8      AckReq(1) resv7(7)
/// bytes 9-11  PSN
/// </code>
/// Reserved bits are kept so a read followed by a write reproduces the input exactly.
/// </summary>
public readonly record struct Bth
{
    public const int Size = 12;
    public const uint MaxQpn = 0xFF_FFFF;
    public const uint MaxPsn = 0xFF_FFFF;
    public const ushort DefaultPKey = 0xFFFF;

    private readonly byte _padCount;
    private readonly byte _transportVersion;
    private readonly byte _reserved6;
    private readonly byte _reserved7;
    private readonly uint _destQp;
    private readonly uint _psn;

    public Bth()
    {
        PKey = DefaultPKey;
    }

    public byte Opcode { get; init; }
    public bool SolicitedEvent { get; init; }
    public bool MigrationRequest { get; init; }

    public byte PadCount
    {
        get => _padCount;
        init => _padCount = CheckWidth(value, 2, nameof(PadCount));
    }

    public byte TransportVersion
    {
        get => _transportVersion;
        init => _transportVersion = CheckWidth(value, 4, nameof(TransportVersion));
    }

    public ushort PKey { get; init; }
    public bool Fecn { get; init; }
    public bool Becn { get; init; }

    public byte Reserved6
    {
        get => _reserved6;
        init => _reserved6 = CheckWidth(value, 6, nameof(Reserved6));
    }

    public uint DestQp
    {
        get => _destQp;
        init
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxQpn, nameof(DestQp));
            _destQp = value;
        }
    }

    public bool AckRequest { get; init; }

    public byte Reserved7
    {
        get => _reserved7;
        init => _reserved7 = CheckWidth(value, 7, nameof(Reserved7));
    }

    public uint Psn
    {
        get => _psn;
        init
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxPsn, nameof(Psn));
            _psn = value;
        }
    }

    public BthOpcode KnownOpcode => (BthOpcode)Opcode;

    public bool IsCnp => Opcode == (byte)BthOpcode.Cnp;

    public static bool TryReadFrom(ReadOnlySpan<byte> source, out Bth bth)
    {
        if (source.Length < Size)
        {
            bth = default;
            return false;
        }

        var flags = source[1];
        var becnByte = source[4];
        bth = new Bth
        {
            Opcode = source[0],
            SolicitedEvent = (flags & 0x80) != 0,
            MigrationRequest = (flags & 0x40) != 0,
            PadCount = (byte)((flags >> 4) & 0x3),
            TransportVersion = (byte)(flags & 0x0F),
            PKey = BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
            Fecn = (becnByte & 0x80) != 0,
            Becn = (becnByte & 0x40) != 0,
            Reserved6 = (byte)(becnByte & 0x3F),
            DestQp = BinaryPrimitives.ReadUInt32BigEndian(source[4..]) & MaxQpn,
            AckRequest = (source[8] & 0x80) != 0,
            Reserved7 = (byte)(source[8] & 0x7F),
            Psn = BinaryPrimitives.ReadUInt32BigEndian(source[8..]) & MaxPsn,
        };
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        _ = destination[Size - 1];
        destination[0] = Opcode;
        destination[1] = (byte)((SolicitedEvent ? 0x80 : 0) | (MigrationRequest ? 0x40 : 0) | (PadCount << 4) | TransportVersion);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], PKey);
        var byte4 = (uint)((Fecn ? 0x80 : 0) | (Becn ? 0x40 : 0) | Reserved6);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (byte4 << 24) | DestQp);
        var byte8 = (uint)((AckRequest ? 0x80 : 0) | Reserved7);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], (byte8 << 24) | Psn);
    }

    private static byte CheckWidth(byte value, int bits, string name)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, (byte)((1 << bits) - 1), name);
        return value;
    }
}
