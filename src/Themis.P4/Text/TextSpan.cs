using System.Globalization;
using System.Text;

namespace Themis.P4.Text;

/// <summary>A range of the preprocessed text of a compilation (start offset and length).</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    public TextSpan Cover(TextSpan other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));
}
