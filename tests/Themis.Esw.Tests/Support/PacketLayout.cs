using System.Buffers.Binary;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// Splits a frame into the ESW's header fields, named as in p4/include/header.p4 (<c>ethernet.dst_addr</c>,
/// <c>ipv4.hdr_checksum</c>, <c>bth.dest_qp</c>, <c>loop.loops_left</c> ...), plus <c>cnp.reserved</c>, <c>icrc</c>
/// and <c>payload</c>. Used for don't-care masks and for field-by-field diffs. Never throws: a truncated frame
/// simply has fewer fields.
/// </summary>
public static class PacketLayout
{
    private static readonly (string, int)[] Ethernet = [("dst_addr", 48), ("src_addr", 48), ("ether_type", 16)];
    private static readonly (string, int)[] Loop = [("kind", 8), ("loops_left", 8), ("slot", 16), ("orig_ether_type", 16), ("passes", 8), ("reserved", 8)];
    private static readonly (string, int)[] Dummy = [("kind", 8), ("reserved", 8), ("dummy_id", 16), ("generation", 32)];
    private static readonly (string, int)[] Control =
    [
        ("kind", 8), ("op", 8), ("status", 8), ("reserved", 8), ("request_id", 32), ("index", 32), ("expected_cache_entry", 32),
        ("flow_state", 8), ("loop_num", 8), ("alpha", 16), ("cnp_num", 32), ("cnp_time", 48), ("last_cnp", 48), ("last_psn", 32),
        ("in_loop", 16), ("reserved2", 16), ("cache_entry", 32),
    ];
    private static readonly (string, int)[] Ipv4 =
    [
        ("version", 4), ("ihl", 4), ("dscp", 6), ("ecn", 2), ("total_len", 16), ("identification", 16), ("flags", 3),
        ("frag_offset", 13), ("ttl", 8), ("protocol", 8), ("hdr_checksum", 16), ("src_addr", 32), ("dst_addr", 32),
    ];
    private static readonly (string, int)[] Tcp =
    [
        ("sport", 16), ("dport", 16), ("seq_no", 32), ("ack_no", 32), ("data_offset", 4), ("res", 4), ("flags", 8),
        ("window", 16), ("checksum", 16), ("urgent_ptr", 16),
    ];
    private static readonly (string, int)[] Udp = [("sport", 16), ("dport", 16), ("length", 16), ("checksum", 16)];
    private static readonly (string, int)[] Bth =
    [
        ("opcode", 8), ("se", 1), ("migreq", 1), ("pad_count", 2), ("tver", 4), ("pkey", 16), ("fecn", 1), ("becn", 1),
        ("resv6", 6), ("dest_qp", 24), ("ack_req", 1), ("resv7", 7), ("psn", 24),
    ];

    /// <summary>Every field found in <paramref name="frame"/>, in wire order.</summary>
    public static IReadOnlyList<PacketField> Fields(ReadOnlySpan<byte> frame)
    {
        var fields = new List<PacketField>();
        int offset = 0;
        if (!Add(fields, "ethernet", Ethernet, frame.Length, ref offset))
        {
            return fields;
        }

        ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        if (etherType == 0x88B5 && frame.Length > offset)
        {
            switch (frame[offset])
            {
                case 1:
                    if (!Add(fields, "loop", Loop, frame.Length, ref offset))
                    {
                        return fields;
                    }

                    etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset - 4)..]);
                    break;
                case 2:
                    Add(fields, "dummy", Dummy, frame.Length, ref offset);
                    return Rest(fields, frame.Length, offset);
                case 3:
                    Add(fields, "ctrl", Control, frame.Length, ref offset);
                    return Rest(fields, frame.Length, offset);
                default:
                    return Rest(fields, frame.Length, offset);
            }
        }

        if (etherType != 0x0800)
        {
            return Rest(fields, frame.Length, offset);
        }

        int ipStart = offset;
        if (!Add(fields, "ipv4", Ipv4, frame.Length, ref offset))
        {
            return Rest(fields, frame.Length, offset);
        }

        int ihl = frame[ipStart] & 0x0F;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(frame[(ipStart + 2)..]);
        int ipEnd = Math.Min(frame.Length, ipStart + Math.Max(totalLength, 20));
        if (ihl > 5 && ipStart + (ihl * 4) <= frame.Length)
        {
            fields.Add(new PacketField("ipv4_options", offset * 8, ((ihl * 4) - 20) * 8));
            offset = ipStart + (ihl * 4);
        }
        else if (ihl != 5)
        {
            return Rest(fields, frame.Length, offset);
        }

        byte protocol = frame[ipStart + 9];
        int fragOffset = BinaryPrimitives.ReadUInt16BigEndian(frame[(ipStart + 6)..]) & 0x1FFF;
        if (fragOffset != 0)
        {
            return Rest(fields, frame.Length, offset);
        }

        if (protocol == 6)
        {
            Add(fields, "tcp", Tcp, frame.Length, ref offset);
            return Rest(fields, frame.Length, offset);
        }

        if (protocol != 17 || !Add(fields, "udp", Udp, frame.Length, ref offset))
        {
            return Rest(fields, frame.Length, offset);
        }

        ushort dport = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset - 6)..]);
        if (dport != 4791)
        {
            return Rest(fields, frame.Length, offset);
        }

        int bthStart = offset;
        if (!Add(fields, "bth", Bth, frame.Length, ref offset))
        {
            return Rest(fields, frame.Length, offset);
        }

        // The ICRC closes the IPv4 packet; a CNP has 16 reserved bytes before it.
        int icrcAt = ipEnd - 4;
        if (icrcAt < offset)
        {
            return Rest(fields, frame.Length, offset);
        }

        if (frame[bthStart] == 0x81 && icrcAt - offset == 16)
        {
            fields.Add(new PacketField("cnp.reserved", offset * 8, 128));
        }
        else if (icrcAt > offset)
        {
            fields.Add(new PacketField("payload", offset * 8, (icrcAt - offset) * 8));
        }

        fields.Add(new PacketField("icrc", icrcAt * 8, 32));
        offset = icrcAt + 4;
        return Rest(fields, frame.Length, offset, "ethernet_padding");
    }

    /// <summary>The field named <paramref name="name"/> in <paramref name="frame"/>, or null.</summary>
    public static PacketField? Find(ReadOnlySpan<byte> frame, string name) =>
        Fields(frame).Cast<PacketField?>().FirstOrDefault(f => f!.Value.Name == name);

    private static bool Add(List<PacketField> fields, string header, (string Name, int Bits)[] layout, int frameLength, ref int offset)
    {
        int bits = layout.Sum(f => f.Bits);
        if ((offset * 8) + bits > frameLength * 8)
        {
            return false;
        }

        int bit = offset * 8;
        foreach ((string name, int width) in layout)
        {
            fields.Add(new PacketField($"{header}.{name}", bit, width));
            bit += width;
        }

        offset = bit / 8;
        return true;
    }

    private static List<PacketField> Rest(List<PacketField> fields, int frameLength, int offset, string name = "payload")
    {
        if (frameLength > offset)
        {
            fields.Add(new PacketField(name, offset * 8, (frameLength - offset) * 8));
        }

        return fields;
    }
}
