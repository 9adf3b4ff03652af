namespace Themis.P4Runtime.TextFormat;

/// <summary>Protobuf text that does not parse, with the position of the problem.</summary>
public sealed class TextFormatException : FormatException
{
    public TextFormatException(string source, int line, int column, string message)
        : base($"{source}:{line}:{column}: {message}")
    {
        Line = line;
        Column = column;
    }

    public TextFormatException() { }

    public TextFormatException(string message) : base(message) { }

    public TextFormatException(string message, Exception innerException) : base(message, innerException) { }

    public int Line { get; }

    public int Column { get; }
}
