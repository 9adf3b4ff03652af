using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Themis.Controller.Internal;

/// <summary>IPv4 addresses as host-order <see cref="uint"/>s: cheap to hash and compare on the packet path.</summary>
internal static class Ipv4
{
    public static uint ToUInt32(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"'{address}' is not an IPv4 address.", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    public static IPAddress ToAddress(uint address)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        return new IPAddress(bytes);
    }

    public static string Format(uint address) =>
        $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}";

    public static bool TryParse(string? text, out uint address)
    {
        address = 0;
        if (text is null || !IPAddress.TryParse(text, out IPAddress? ip) || ip.AddressFamily != AddressFamily.InterNetwork
            || text.Count(c => c == '.') != 3)
        {
            return false;
        }

        address = ToUInt32(ip);
        return true;
    }

    /// <summary>True for addresses no host can own: 0.0.0.0/8, loopback, multicast, broadcast.</summary>
    public static bool IsUnicastHost(uint address)
    {
        uint first = address >> 24;
        return first != 0 && first != 127 && first < 224;
    }

    public static bool TryParsePrefix(string? text, [NotNullWhen(true)] out Ipv4Prefix? prefix)
    {
        prefix = null;
        if (text is null)
        {
            return false;
        }

        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TryParse(text[..slash], out uint network)
            || !int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int length)
            || length > 32)
        {
            return false;
        }

        prefix = new Ipv4Prefix(network, length);
        return true;
    }
}
