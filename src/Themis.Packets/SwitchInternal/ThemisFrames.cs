using System.Buffers.Binary;
using Themis.Packets.Ethernet;

namespace Themis.Packets.SwitchInternal;

/// <summary>Builds the frames the controller sends to the ESW and reads the ones it gets back.</summary>
public static class ThemisFrames
{
    /// <summary>Smallest dummy frame: Ethernet + dummy header, padded to Ethernet's 60-byte minimum.</summary>
    public const int MinimumDummyFrameSize = 60;

    /// <summary>A control request frame (Ethernet, EtherType 0x88B5, control header); send it after a packet_out header.</summary>
    public static byte[] BuildControlRequest(ControlOp op, uint index, uint requestId, uint expectedCacheEntry = 0)
    {
        var frame = new byte[EthernetHeader.Size + ControlHeader.Size];
        new EthernetHeader(default, default, EtherTypes.Themis).WriteTo(frame);
        new ControlHeader { Op = op, Index = index, RequestId = requestId, ExpectedCacheEntry = expectedCacheEntry }
            .WriteTo(frame.AsSpan(EthernetHeader.Size));
        return frame;
    }

    /// <summary>Reads the control header of a control reply frame (the packet-in payload).</summary>
    public static bool TryReadControl(ReadOnlySpan<byte> frame, out ControlHeader header)
    {
        header = default;
        return EthernetHeader.TryReadFrom(frame, out var ethernet)
            && ethernet.EtherType == EtherTypes.Themis
            && ControlHeader.TryReadFrom(frame[EthernetHeader.Size..], out header);
    }

    /// <summary>A dummy frame of <paramref name="frameSize"/> bytes for the loop port.</summary>
    public static byte[] BuildDummy(MacAddress switchMac, ushort dummyId, uint generation, int frameSize = MinimumDummyFrameSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameSize, MinimumDummyFrameSize);
        var frame = new byte[frameSize];
        new EthernetHeader(switchMac, switchMac, EtherTypes.Themis).WriteTo(frame);
        new DummyHeader(dummyId, generation).WriteTo(frame.AsSpan(EthernetHeader.Size));
        return frame;
    }

    /// <summary>Prefixes <paramref name="frame"/> with a packet_out header, as the CPU port of BMv2 expects.</summary>
    public static byte[] WithPacketOut(ushort egressPort, ReadOnlySpan<byte> frame)
    {
        var bytes = new byte[PacketOutHeader.Size + frame.Length];
        new PacketOutHeader(egressPort).WriteTo(bytes);
        frame.CopyTo(bytes.AsSpan(PacketOutHeader.Size));
        return bytes;
    }

    /// <summary>
    /// Wraps an IPv4 frame the way the ESW sends it to the loop port: Ethernet (EtherType 0x88B5), loop header,
    /// then the frame's IPv4 packet.
    /// </summary>
    public static byte[] WithLoopHeader(ReadOnlySpan<byte> ipv4Frame, byte loopsLeft, ushort slot, byte passes = 0)
    {
        if (!EthernetHeader.TryReadFrom(ipv4Frame, out var ethernet))
        {
            throw new ArgumentException("The frame is shorter than an Ethernet header.", nameof(ipv4Frame));
        }

        var bytes = new byte[ipv4Frame.Length + LoopHeader.Size];
        ipv4Frame[..12].CopyTo(bytes);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(12), EtherTypes.Themis);
        new LoopHeader(loopsLeft, slot, ethernet.EtherType, passes).WriteTo(bytes.AsSpan(EthernetHeader.Size));
        ipv4Frame[EthernetHeader.Size..].CopyTo(bytes.AsSpan(EthernetHeader.Size + LoopHeader.Size));
        return bytes;
    }
}
