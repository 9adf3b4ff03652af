using System.Collections;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Themis.P4Runtime.TextFormat;

/// <summary>
/// Writes a message in the protobuf text format the way protobuf's C++ printer does (what p4c's
/// <c>--p4runtime-files x.txtpb</c> output looks like): set fields in field-number order, two-space
/// indentation, enums by name, strings and bytes C-escaped with octal escapes for bytes outside
/// printable ASCII, map entries sorted by key.
/// </summary>
public static class TextFormatPrinter
{
    /// <summary>Returns the text form of <paramref name="message"/>.</summary>
    public static string Print(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var builder = new StringBuilder();
        PrintFields(builder, message, 0);
        return builder.ToString();
    }

    private static void PrintFields(StringBuilder builder, IMessage message, int indent)
    {
        foreach (FieldDescriptor field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            object value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                var map = (IDictionary)value;
                var entries = new List<DictionaryEntry>();
                IDictionaryEnumerator enumerator = map.GetEnumerator();
                while (enumerator.MoveNext())
                {
                    entries.Add(enumerator.Entry);
                }

                foreach (DictionaryEntry entry in entries.OrderBy(e => e.Key, KeyComparer.Instance))
                {
                    Line(builder, indent, field.Name + " {");
                    PrintValue(builder, field.MessageType.FindFieldByNumber(1), entry.Key, indent + 1);
                    PrintValue(builder, field.MessageType.FindFieldByNumber(2), entry.Value!, indent + 1);
                    Line(builder, indent, "}");
                }
            }
            else if (field.IsRepeated)
            {
                foreach (object item in (IList)value)
                {
                    PrintValue(builder, field, item, indent);
                }
            }
            else if (IsSet(message, field, value))
            {
                PrintValue(builder, field, value, indent);
            }
        }
    }

    private static bool IsSet(IMessage message, FieldDescriptor field, object value)
    {
        if (field.ContainingOneof is { IsSynthetic: false } oneof)
        {
            return oneof.Accessor.GetCaseFieldDescriptor(message)?.FieldNumber == field.FieldNumber;
        }

        if (field.HasPresence)
        {
            return field.Accessor.HasValue(message);
        }

        return value switch
        {
            null => false,
            string s => s.Length > 0,
            ByteString b => !b.IsEmpty,
            bool b => b,
            Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture) != 0,
            IMessage => true,
            IConvertible c => c.ToDecimal(CultureInfo.InvariantCulture) != 0,
            _ => true,
        };
    }

    private static void PrintValue(StringBuilder builder, FieldDescriptor field, object value, int indent)
    {
        if (value is IMessage child)
        {
            Line(builder, indent, field.Name + " {");
            PrintFields(builder, child, indent + 1);
            Line(builder, indent, "}");
            return;
        }

        string text = value switch
        {
            string s => Quote(System.Text.Encoding.UTF8.GetBytes(s)),
            ByteString b => Quote(b.Span),
            bool b => b ? "true" : "false",
            Enum e => field.EnumType.FindValueByNumber(Convert.ToInt32(e, CultureInfo.InvariantCulture))?.Name
                ?? Convert.ToInt32(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        Line(builder, indent, field.Name + ": " + text);
    }

    private static string Quote(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length + 2);
        builder.Append('"');
        foreach (byte b in bytes)
        {
            switch (b)
            {
                case (byte)'\n': builder.Append("\\n"); break;
                case (byte)'\r': builder.Append("\\r"); break;
                case (byte)'\t': builder.Append("\\t"); break;
                case (byte)'"': builder.Append("\\\""); break;
                case (byte)'\'': builder.Append("\\'"); break;
                case (byte)'\\': builder.Append("\\\\"); break;
                default:
                    if (b is < 0x20 or >= 0x7f)
                    {
                        builder.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                    }
                    else
                    {
                        builder.Append((char)b);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static void Line(StringBuilder builder, int indent, string text) =>
        builder.Append(' ', indent * 2).Append(text).Append('\n');

    private sealed class KeyComparer : IComparer<object>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (string a, string b) => string.CompareOrdinal(a, b),
            (IComparable a, _) => a.CompareTo(y),
            _ => 0,
        };
    }
}
