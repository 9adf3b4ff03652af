using Google.Protobuf;
using Themis.P4Runtime.Encoding;

namespace Themis.Switch.Server;

/// <summary>Conversions between P4Runtime bytestrings and the switch's padded big-endian values.</summary>
internal static class ByteStrings
{
    /// <summary>Accepts canonical or padded input (§8.4) and returns the value padded to whole bytes.</summary>
    public static byte[] ToPadded(ByteString value, int bitWidth, string what)
    {
        if (!P4Bytes.TryCanonicalize(value.Span, bitWidth, out _, out string? error))
        {
            throw UpdateError.Invalid($"{what}: {error}");
        }

        return P4Bytes.ToFixedWidth(value.Span, bitWidth);
    }

    /// <summary>The canonical (shortest) form of a padded value, as reads return.</summary>
    public static ByteString ToCanonical(byte[] padded, int bitWidth) => P4Bytes.Canonicalize(padded, bitWidth);
}
