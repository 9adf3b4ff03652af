using System.Buffers.Binary;
using Themis.Packets.IPv4;

namespace Themis.Packets.RoCE;

/// <summary>
/// The RoCEv2 invariant CRC (IBA Annex A17.3.3; the same rule as Linux rxe_icrc.c and scapy.contrib.roce):
/// CRC-32 over 8 bytes of 0xFF standing in for the LRH, then the IPv4 header with TOS, TTL and header
/// checksum set to all ones, the UDP header with its checksum set to all ones, the BTH with its byte 4
/// (FECN, BECN, resv6) set to all ones, and everything after the BTH up to the ICRC. The 32-bit CRC value
/// is appended least significant byte first (the order of the Ethernet FCS).
/// </summary>
public static class Icrc
{
    public const int Size = 4;

    /// <summary>Bytes of 0xFF that stand for the masked LRH of a RoCEv2 packet.</summary>
    public const int PseudoLrhSize = 8;

    /// <summary>
    /// Computes the ICRC of an IPv4 RoCEv2 packet. <paramref name="ipPacket"/> starts at the IPv4 header and
    /// ends just before the ICRC.
    /// </summary>
    /// <returns>False when the bytes are not IPv4/UDP/BTH (too short or bad IHL); <paramref name="icrc"/> is then 0.</returns>
    public static bool TryCompute(ReadOnlySpan<byte> ipPacket, out uint icrc)
    {
        icrc = 0;
        if (ipPacket.Length < IPv4Header.Size || ipPacket[0] >> 4 != 4)
        {
            return false;
        }

        var ipLength = (ipPacket[0] & 0x0F) * 4;
        var bthOffset = ipLength + Udp.UdpHeader.Size;
        if (ipLength < IPv4Header.Size || ipPacket.Length < bthOffset + Bth.Size)
        {
            return false;
        }

        var register = 0xFFFF_FFFFu;
        Span<byte> ones = stackalloc byte[PseudoLrhSize];
        ones.Fill(0xFF);
        register = Checksums.Crc32.Update(register, ones);

        // Masked copy of the IPv4, UDP and BTH headers; the rest is covered as it is.
        Span<byte> masked = stackalloc byte[60 + Udp.UdpHeader.Size + Bth.Size];
        masked = masked[..(bthOffset + Bth.Size)];
        ipPacket[..masked.Length].CopyTo(masked);
        masked[1] = 0xFF;
        masked[8] = 0xFF;
        masked[10] = 0xFF;
        masked[11] = 0xFF;
        masked[ipLength + 6] = 0xFF;
        masked[ipLength + 7] = 0xFF;
        masked[bthOffset + 4] = 0xFF;
        register = Checksums.Crc32.Update(register, masked);
        register = Checksums.Crc32.Update(register, ipPacket[masked.Length..]);
        icrc = ~register;
        return true;
    }

    /// <summary>Writes an ICRC value in wire order (least significant byte first).</summary>
    public static void Write(uint icrc, Span<byte> destination) => BinaryPrimitives.WriteUInt32LittleEndian(destination, icrc);

    /// <summary>Reads an ICRC value from wire order.</summary>
    public static uint Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt32LittleEndian(source);

    /// <summary>
    /// Checks the trailing ICRC of an IPv4 RoCEv2 packet; <paramref name="ipPacketWithIcrc"/> runs from the IPv4
    /// header to the end of the ICRC.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> ipPacketWithIcrc) =>
        ipPacketWithIcrc.Length >= Size
        && TryCompute(ipPacketWithIcrc[..^Size], out var expected)
        && expected == Read(ipPacketWithIcrc[^Size..]);
}
