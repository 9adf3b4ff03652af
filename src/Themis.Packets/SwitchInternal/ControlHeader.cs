using System.Buffers.Binary;

namespace Themis.Packets.SwitchInternal;

/// <summary>
/// The <c>control</c> header (header.p4 <c>control_t</c>), 48 bytes after Ethernet (EtherType 0x88B5). The
/// controller sends it in a packet-out to reset or read registers (BMv2 cannot do that over P4Runtime); the
/// switch answers every one with a packet-in carrying the same header, status and values filled in.
/// <code>
/// bits  8  kind = 3
/// bits  8  op                    ControlOp
/// bits  8  status                ControlStatus (0 in requests)
/// bits  8  reserved
/// bits 32  request_id            echoed
/// bits 32  index                 slot, cache index or pair index
/// bits 32  expected_cache_entry  for ClearCacheIfMatch
/// bits  8  flow_state            FlowState            \
/// bits  8  loop_num                                   |
/// bits 16  alpha                 0 = alpha0           |
/// bits 32  cnp_num                                    | values: filled by ReadSlot
/// bits 48  cnp_time              µs                   |
/// bits 48  last_cnp              µs                   |
/// bits 32  last_psn              bit 24 = valid       |
/// bits 16  in_loop                                    /
/// bits 16  reserved2
/// bits 32  cache_entry           filled by ReadCache, ClearCache*
/// </code>
/// </summary>
public readonly record struct ControlHeader
{
    public const int Size = 48;

    public ControlOp Op { get; init; }
    public ControlStatus Status { get; init; }
    public uint RequestId { get; init; }
    public uint Index { get; init; }
    public uint ExpectedCacheEntry { get; init; }
    public FlowState FlowState { get; init; }
    public byte LoopNum { get; init; }
    public ushort Alpha { get; init; }
    public uint CnpNum { get; init; }
    public ulong CnpTime { get; init; }
    public ulong LastCnp { get; init; }
    public uint LastPsn { get; init; }
    public ushort InLoop { get; init; }
    public uint CacheEntry { get; init; }

    /// <summary>True when <see cref="LastPsn"/> holds a PSN (bit 24); the PSN is its low 24 bits.</summary>
    public bool LastPsnValid => (LastPsn & 0x100_0000) != 0;

    public static bool TryReadFrom(ReadOnlySpan<byte> source, out ControlHeader header)
    {
        if (source.Length < Size || source[0] != (byte)ThemisHeaderKind.Control)
        {
            header = default;
            return false;
        }

        header = new ControlHeader
        {
            Op = (ControlOp)source[1],
            Status = (ControlStatus)source[2],
            RequestId = BinaryPrimitives.ReadUInt32BigEndian(source[4..]),
            Index = BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
            ExpectedCacheEntry = BinaryPrimitives.ReadUInt32BigEndian(source[12..]),
            FlowState = (FlowState)source[16],
            LoopNum = source[17],
            Alpha = BinaryPrimitives.ReadUInt16BigEndian(source[18..]),
            CnpNum = BinaryPrimitives.ReadUInt32BigEndian(source[20..]),
            CnpTime = Read48(source[24..]),
            LastCnp = Read48(source[30..]),
            LastPsn = BinaryPrimitives.ReadUInt32BigEndian(source[36..]),
            InLoop = BinaryPrimitives.ReadUInt16BigEndian(source[40..]),
            CacheEntry = BinaryPrimitives.ReadUInt32BigEndian(source[44..]),
        };
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        _ = destination[Size - 1];
        if (CnpTime > 0xFFFF_FFFF_FFFFUL || LastCnp > 0xFFFF_FFFF_FFFFUL)
        {
            throw new InvalidOperationException("cnp_time and last_cnp are 48-bit fields.");
        }

        destination[0] = (byte)ThemisHeaderKind.Control;
        destination[1] = (byte)Op;
        destination[2] = (byte)Status;
        destination[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], RequestId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Index);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], ExpectedCacheEntry);
        destination[16] = (byte)FlowState;
        destination[17] = LoopNum;
        BinaryPrimitives.WriteUInt16BigEndian(destination[18..], Alpha);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], CnpNum);
        Write48(destination[24..], CnpTime);
        Write48(destination[30..], LastCnp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[36..], LastPsn);
        BinaryPrimitives.WriteUInt16BigEndian(destination[40..], InLoop);
        destination[42] = 0;
        destination[43] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[44..], CacheEntry);
    }

    private static ulong Read48(ReadOnlySpan<byte> s) =>
        ((ulong)BinaryPrimitives.ReadUInt16BigEndian(s) << 32) | BinaryPrimitives.ReadUInt32BigEndian(s[2..]);

    private static void Write48(Span<byte> d, ulong v)
    {
        BinaryPrimitives.WriteUInt16BigEndian(d, (ushort)(v >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(d[2..], (uint)v);
    }
}
