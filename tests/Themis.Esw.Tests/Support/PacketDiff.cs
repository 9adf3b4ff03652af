using System.Globalization;
using System.Text;

namespace Themis.Esw.Tests.Support;

/// <summary>Explains a mismatch the way PTF does: both hexdumps, then every header field that differs.</summary>
public static class PacketDiff
{
    public static string Describe(ExpectedPacket expected, byte[]? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"expected ({expected.Bytes.Length} bytes{(expected.DontCareFields.Count > 0 ? "; don't care: " + string.Join(", ", expected.DontCareFields) : string.Empty)}):");
        text.Append(HexDump(expected.Bytes, actual, expected));
        if (actual is null)
        {
            text.AppendLine("received: nothing");
            return text.ToString();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"received ({actual.Length} bytes):");
        text.Append(HexDump(actual, expected.Bytes, expected));
        text.AppendLine("fields that differ:");
        Dictionary<string, PacketField> got = PacketLayout.Fields(actual).GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First());
        int differences = 0;
        foreach (PacketField field in PacketLayout.Fields(expected.Bytes))
        {
            if (expected.DontCareFields.Contains(field.Name))
            {
                continue;
            }

            if (!got.TryGetValue(field.Name, out PacketField other))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {field.Name}: expected {Format(field, expected.Bytes)}, missing in the received frame");
                differences++;
                continue;
            }

            string want = Format(field, expected.Bytes), have = Format(other, actual);
            if (want != have)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {field.Name}: expected {want}, received {have}");
                differences++;
            }
        }

        foreach (string extra in got.Keys.Except(PacketLayout.Fields(expected.Bytes).Select(f => f.Name)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {extra}: only in the received frame ({Format(got[extra], actual)})");
            differences++;
        }

        if (differences == 0)
        {
            text.AppendLine("  (none by field; the lengths or padding differ)");
        }

        return text.ToString();
    }

    /// <summary>16 bytes a line; bytes that differ from <paramref name="other"/> are marked with '*', don't-care bytes with '~'.</summary>
    public static string HexDump(byte[] bytes, byte[]? other = null, ExpectedPacket? mask = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var text = new StringBuilder();
        for (int line = 0; line < bytes.Length; line += 16)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {line:x4} ");
            for (int i = line; i < line + 16 && i < bytes.Length; i++)
            {
                char marker = mask?.IsDontCare(i) == true ? '~' : other is not null && (i >= other.Length || other[i] != bytes[i]) ? '*' : ' ';
                text.Append(CultureInfo.InvariantCulture, $" {bytes[i]:x2}{marker}");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Format(PacketField field, byte[] frame)
    {
        if (!field.FitsIn(frame.Length))
        {
            return "(truncated)";
        }

        if (field.BitWidth > 64)
        {
            return Convert.ToHexString(frame, field.BitOffset / 8, field.BitWidth / 8);
        }

        ulong value = field.ValueIn(frame);
        return field.BitWidth <= 8 ? value.ToString(CultureInfo.InvariantCulture) : $"0x{value.ToString("x", CultureInfo.InvariantCulture)}";
    }
}
