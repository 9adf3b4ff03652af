using System.Globalization;
using System.Text;

namespace Themis.P4.Text;

/// <summary>
/// The preprocessed text of a compilation plus the map from each of its lines back to the
/// original file and line, so a span in the text can be reported where the programmer wrote it.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;
    private readonly (string File, int Line)[] _origins;

    public SourceText(string text, IReadOnlyList<(string File, int Line)> lineOrigins)
    {
        Text = text;
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }
        _lineStarts = [.. starts];
        _origins = [.. lineOrigins];
    }

    public string Text { get; }

    public SourceLocation GetLocation(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        int line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }
        int column = offset - _lineStarts[line] + 1;
        if (line < _origins.Length)
        {
            var (file, origLine) = _origins[line];
            return new SourceLocation(file, origLine, column);
        }
        return _origins.Length > 0
            ? new SourceLocation(_origins[^1].File, _origins[^1].Line, column)
            : new SourceLocation("<input>", line + 1, column);
    }

    public string GetText(TextSpan span) =>
        Text.Substring(Math.Clamp(span.Start, 0, Text.Length), Math.Clamp(span.Length, 0, Text.Length - Math.Clamp(span.Start, 0, Text.Length)));
}
