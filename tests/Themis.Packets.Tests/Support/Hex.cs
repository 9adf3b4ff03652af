namespace Themis.Packets.Tests.Support;

internal static class Hex
{
    /// <summary>Bytes from hex text; spaces, newlines and '|' separators are ignored.</summary>
    public static byte[] Parse(string text) =>
        Convert.FromHexString(new string(text.Where(Uri.IsHexDigit).ToArray()));

    public static string Dump(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
