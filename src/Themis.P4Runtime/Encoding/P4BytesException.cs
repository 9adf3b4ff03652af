namespace Themis.P4Runtime.Encoding;

/// <summary>A value that cannot be represented as a P4Runtime bytestring of the declared width.</summary>
public sealed class P4BytesException : FormatException
{
    public P4BytesException(string message) : base(message) { }

    public P4BytesException(string message, Exception inner) : base(message, inner) { }

    public P4BytesException() { }
}
