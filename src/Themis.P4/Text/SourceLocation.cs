using System.Globalization;
using System.Text;

namespace Themis.P4.Text;

/// <summary>A position in an original source file (1-based line and column), as diagnostics print it.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public static readonly SourceLocation None = new("<unknown>", 0, 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}");
}
