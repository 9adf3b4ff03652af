namespace Themis.Esw.Tests.Support;

/// <summary>Equality of frames by content.</summary>
public sealed class ByteArrays : IEqualityComparer<byte[]>
{
    public static ByteArrays Comparer { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
