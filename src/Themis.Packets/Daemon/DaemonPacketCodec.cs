using System.Buffers.Binary;
using System.Security.Cryptography;
using Themis.Packets.IPv4;

namespace Themis.Packets.Daemon;

/// <summary>
/// Encodes and decodes host-daemon packets. v0 is the original 16-byte format; v1 is specified in
/// docs/daemon-protocol.md. Decoding never throws on the datagram's bytes.
/// </summary>
public static class DaemonPacketCodec
{
    public const int V0Size = 16;
    public const int V1Size = 40;
    public const int MacSize = 16;
    public const int V1AuthenticatedSize = V1Size + MacSize;

    /// <summary>"THMD": the first four bytes of every v1 packet.</summary>
    public const uint V1Magic = 0x54_48_4D_44;

    public const byte V1Version = 1;

    /// <summary>Bit 0 of the v1 flags byte: a MAC follows the 40 fixed bytes.</summary>
    public const byte FlagMacPresent = 0x01;

    public const ushort DefaultUdpPort = 12345;

    /// <summary>Decodes one daemon datagram (the UDP payload).</summary>
    public static DaemonDecodeStatus TryDecode(ReadOnlySpan<byte> datagram, DaemonDecodeOptions options, out DaemonMessage message)
    {
        ArgumentNullException.ThrowIfNull(options);
        message = default;
        if (datagram.Length < V0Size)
        {
            return DaemonDecodeStatus.TooShort;
        }

        // A v0 dIP may spell the magic, so length decides first: v1 is never 16 bytes long.
        if (datagram.Length == V0Size)
        {
            return DecodeV0(datagram, options, out message);
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(datagram) != V1Magic)
        {
            return DaemonDecodeStatus.UnknownFormat;
        }

        return DecodeV1(datagram, options, out message);
    }

    /// <summary>Writes a v0 packet (16 bytes); <see cref="DaemonEvent.Heartbeat"/> has no v0 form.</summary>
    public static int EncodeV0(in DaemonMessage message, Span<byte> destination, DaemonV0ByteOrder byteOrder = DaemonV0ByteOrder.BigEndian)
    {
        if (destination.Length < V0Size)
        {
            throw new ArgumentException($"A v0 daemon packet needs {V0Size} bytes; the buffer has {destination.Length}.", nameof(destination));
        }

        var flag = message.Event switch
        {
            DaemonEvent.QpReady => 1u,
            DaemonEvent.QpDestroyed => 0u,
            _ => throw new ArgumentException($"v0 carries only QpReady and QpDestroyed, not {message.Event}.", nameof(message)),
        };
        CheckQpn(message.LocalQpn, nameof(message));
        CheckQpn(message.RemoteQpn, nameof(message));
        var destroy = message.Event == DaemonEvent.QpDestroyed;
        Span<uint> words = [destroy ? 0 : message.RemoteIp.Value, message.LocalQpn, destroy ? 0 : message.RemoteQpn, flag];
        for (var i = 0; i < words.Length; i++)
        {
            if (byteOrder == DaemonV0ByteOrder.BigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(destination[(i * 4)..], words[i]);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(destination[(i * 4)..], words[i]);
            }
        }

        return V0Size;
    }

    /// <summary>
    /// Writes a v1 packet; with a non-empty <paramref name="key"/> the MAC flag is set and the 16-byte truncated
    /// HMAC-SHA256 is appended. Returns the bytes written (40 or 56).
    /// </summary>
    public static int EncodeV1(in DaemonMessage message, Span<byte> destination, uint keyId = 0, ReadOnlySpan<byte> key = default)
    {
        var authenticated = !key.IsEmpty;
        var size = authenticated ? V1AuthenticatedSize : V1Size;
        if (destination.Length < size)
        {
            throw new ArgumentException($"This v1 daemon packet needs {size} bytes; the buffer has {destination.Length}.", nameof(destination));
        }

        if (!Enum.IsDefined(message.Event))
        {
            throw new ArgumentException($"Event {(byte)message.Event} is not a daemon event.", nameof(message));
        }

        if (authenticated == (keyId == 0))
        {
            throw new ArgumentException("Give a key id (1 or more) exactly when a key is given; id 0 means unauthenticated.", nameof(keyId));
        }

        CheckQpn(message.LocalQpn, nameof(message));
        CheckQpn(message.RemoteQpn, nameof(message));
        BinaryPrimitives.WriteUInt32BigEndian(destination, V1Magic);
        destination[4] = V1Version;
        destination[5] = (byte)message.Event;
        destination[6] = authenticated ? FlagMacPresent : (byte)0;
        destination[7] = 0;
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], message.Sequence);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], message.TimestampNanoseconds);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], message.RemoteIp.Value);
        BinaryPrimitives.WriteUInt32BigEndian(destination[28..], message.LocalQpn);
        BinaryPrimitives.WriteUInt32BigEndian(destination[32..], message.RemoteQpn);
        BinaryPrimitives.WriteUInt32BigEndian(destination[36..], keyId);
        if (authenticated)
        {
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, destination[..V1Size], mac);
            mac[..MacSize].CopyTo(destination[V1Size..]);
        }

        return size;
    }

    private static DaemonDecodeStatus DecodeV0(ReadOnlySpan<byte> datagram, DaemonDecodeOptions options, out DaemonMessage message)
    {
        message = default;
        var little = options.V0ByteOrder == DaemonV0ByteOrder.LittleEndian;
        var remoteIp = ReadV0Word(datagram, 0, little);
        var localQpn = ReadV0Word(datagram, 1, little);
        var remoteQpn = ReadV0Word(datagram, 2, little);
        var flag = ReadV0Word(datagram, 3, little);
        if (flag > 1)
        {
            return DaemonDecodeStatus.V0InvalidFlag;
        }

        if (localQpn > MaxQpn || remoteQpn > MaxQpn)
        {
            return DaemonDecodeStatus.QpnOutOfRange;
        }

        var ev = flag == 1 ? DaemonEvent.QpReady : DaemonEvent.QpDestroyed;
        if (ev == DaemonEvent.QpReady && remoteIp == 0)
        {
            return DaemonDecodeStatus.MissingRemoteIp;
        }

        if (!options.AcceptV0)
        {
            return DaemonDecodeStatus.V0NotAccepted;
        }

        // Destroy reports carry only the local QPN; whatever else the daemon left there is ignored.
        message = ev == DaemonEvent.QpReady
            ? new DaemonMessage(DaemonFormat.V0, ev, 0, 0, new IPv4Address(remoteIp), localQpn, remoteQpn, 0, false)
            : new DaemonMessage(DaemonFormat.V0, ev, 0, 0, IPv4Address.Any, localQpn, 0, 0, false);
        return DaemonDecodeStatus.Ok;
    }

    private static DaemonDecodeStatus DecodeV1(ReadOnlySpan<byte> datagram, DaemonDecodeOptions options, out DaemonMessage message)
    {
        message = default;
        if (datagram.Length < 5 || datagram[4] != V1Version)
        {
            return DaemonDecodeStatus.UnsupportedVersion;
        }

        if (datagram.Length < V1Size)
        {
            return DaemonDecodeStatus.LengthMismatch;
        }

        var flags = datagram[6];
        var hasMac = (flags & FlagMacPresent) != 0;
        if (datagram.Length != (hasMac ? V1AuthenticatedSize : V1Size))
        {
            return DaemonDecodeStatus.LengthMismatch;
        }

        if ((flags & ~FlagMacPresent) != 0 || datagram[7] != 0)
        {
            return DaemonDecodeStatus.ReservedNotZero;
        }

        var ev = (DaemonEvent)datagram[5];
        if (!Enum.IsDefined(ev))
        {
            return DaemonDecodeStatus.UnknownEvent;
        }

        var sequence = BinaryPrimitives.ReadUInt64BigEndian(datagram[8..]);
        var timestamp = BinaryPrimitives.ReadUInt64BigEndian(datagram[16..]);
        var remoteIp = BinaryPrimitives.ReadUInt32BigEndian(datagram[24..]);
        var localQpn = BinaryPrimitives.ReadUInt32BigEndian(datagram[28..]);
        var remoteQpn = BinaryPrimitives.ReadUInt32BigEndian(datagram[32..]);
        var keyId = BinaryPrimitives.ReadUInt32BigEndian(datagram[36..]);
        if (localQpn > MaxQpn || remoteQpn > MaxQpn)
        {
            return DaemonDecodeStatus.QpnOutOfRange;
        }

        if (ev == DaemonEvent.QpReady && remoteIp == 0)
        {
            return DaemonDecodeStatus.MissingRemoteIp;
        }

        if (!hasMac)
        {
            if (keyId != 0)
            {
                return DaemonDecodeStatus.ReservedNotZero;
            }

            if (options.RequireAuthentication)
            {
                return DaemonDecodeStatus.AuthenticationRequired;
            }
        }
        else
        {
            if (options.Keys is null || !options.Keys.TryGetKey(keyId, out var key))
            {
                return DaemonDecodeStatus.UnknownKey;
            }

            Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, datagram[..V1Size], expected);
            if (!CryptographicOperations.FixedTimeEquals(expected[..MacSize], datagram.Slice(V1Size, MacSize)))
            {
                return DaemonDecodeStatus.BadMac;
            }
        }

        message = new DaemonMessage(
            DaemonFormat.V1, ev, sequence, timestamp, new IPv4Address(remoteIp), localQpn, remoteQpn, keyId, hasMac);
        return DaemonDecodeStatus.Ok;
    }

    private const uint MaxQpn = RoCE.Bth.MaxQpn;

    private static uint ReadV0Word(ReadOnlySpan<byte> datagram, int index, bool littleEndian) => littleEndian
        ? BinaryPrimitives.ReadUInt32LittleEndian(datagram[(index * 4)..])
        : BinaryPrimitives.ReadUInt32BigEndian(datagram[(index * 4)..]);

    private static void CheckQpn(uint qpn, string parameter)
    {
        if (qpn > MaxQpn)
        {
            throw new ArgumentException($"QPN {qpn} does not fit 24 bits; QPNs run 0..{MaxQpn}.", parameter);
        }
    }
}
