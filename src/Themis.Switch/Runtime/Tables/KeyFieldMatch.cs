namespace Themis.Switch.Runtime.Tables;

/// <summary>
/// How one key field of a table entry matches. Values are big-endian, padded to the field's
/// <see cref="MatchFieldSpec.ByteWidth"/>; a wildcard (omitted field in P4Runtime terms) matches anything.
/// </summary>
public sealed class KeyFieldMatch
{
    private KeyFieldMatch(MatchKind kind, byte[] value, byte[] mask, byte[] high, int prefixLength, bool isWildcard)
    {
        Kind = kind;
        Value = value;
        Mask = mask;
        High = high;
        PrefixLength = prefixLength;
        IsWildcard = isWildcard;
    }

    /// <summary>Match kind of the field.</summary>
    public MatchKind Kind { get; }

    /// <summary>Exact/optional value, ternary value (already masked), LPM value, or range low bound.</summary>
    public byte[] Value { get; }

    /// <summary>Mask applied to the key before comparing with <see cref="Value"/> (exact and optional: all ones).</summary>
    public byte[] Mask { get; }

    /// <summary>Range high bound (other kinds: same as <see cref="Value"/>).</summary>
    public byte[] High { get; }

    /// <summary>LPM prefix length (0 for a wildcard).</summary>
    public int PrefixLength { get; }

    /// <summary>True for a don't-care match (ternary mask 0, prefix length 0, full range, absent optional).</summary>
    public bool IsWildcard { get; }

    /// <summary>An exact match on <paramref name="value"/>.</summary>
    public static KeyFieldMatch Exact(byte[] value) => new(MatchKind.Exact, value, Ones(value.Length, value.Length * 8), value, value.Length * 8, false);

    /// <summary>An optional match on <paramref name="value"/> (present, hence exact).</summary>
    public static KeyFieldMatch Optional(byte[] value) => new(MatchKind.Optional, value, Ones(value.Length, value.Length * 8), value, value.Length * 8, false);

    /// <summary>A ternary match; <paramref name="value"/> is masked here.</summary>
    public static KeyFieldMatch Ternary(byte[] value, byte[] mask)
    {
        var masked = new byte[value.Length];
        bool zero = true;
        for (int i = 0; i < value.Length; i++)
        {
            masked[i] = (byte)(value[i] & mask[i]);
            zero &= mask[i] == 0;
        }

        return new(MatchKind.Ternary, masked, mask, masked, 0, zero);
    }

    /// <summary>A longest-prefix match of <paramref name="prefixLength"/> bits of a <paramref name="bitWidth"/>-bit field.</summary>
    public static KeyFieldMatch Lpm(byte[] value, int prefixLength, int bitWidth)
    {
        // The value is right-aligned in its bytes, so the prefix starts after the padding bits.
        int padding = (value.Length * 8) - bitWidth;
        byte[] mask = Ones(value.Length, 0);
        for (int bit = padding; bit < padding + prefixLength; bit++)
        {
            mask[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        var masked = new byte[value.Length];
        for (int i = 0; i < value.Length; i++)
        {
            masked[i] = (byte)(value[i] & mask[i]);
        }

        return new(MatchKind.Lpm, masked, mask, masked, prefixLength, prefixLength == 0);
    }

    /// <summary>A range match <c>[low, high]</c> of a <paramref name="bitWidth"/>-bit field.</summary>
    public static KeyFieldMatch Range(byte[] low, byte[] high, int bitWidth)
    {
        bool full = IsZero(low) && IsAllOnes(high, bitWidth);
        return new(MatchKind.Range, low, Ones(low.Length, low.Length * 8), high, 0, full);
    }

    /// <summary>The don't-care match of a field (only for LPM, ternary, range and optional fields).</summary>
    public static KeyFieldMatch Wildcard(MatchFieldSpec field)
    {
        ArgumentNullException.ThrowIfNull(field);
        int n = field.ByteWidth;
        return field.Kind switch
        {
            MatchKind.Range => new(MatchKind.Range, new byte[n], Ones(n, n * 8), MaxValue(n, field.BitWidth), 0, true),
            _ => new(field.Kind, new byte[n], new byte[n], new byte[n], 0, true),
        };
    }

    /// <summary>True when the key bytes of this field satisfy the match.</summary>
    public bool Matches(ReadOnlySpan<byte> key)
    {
        if (IsWildcard)
        {
            return true;
        }

        if (Kind == MatchKind.Range)
        {
            return key.SequenceCompareTo(Value) >= 0 && key.SequenceCompareTo(High) <= 0;
        }

        for (int i = 0; i < key.Length; i++)
        {
            if ((key[i] & Mask[i]) != Value[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Appends the bytes that identify this match (value and mask or bounds) to <paramref name="identity"/>.</summary>
    internal void AppendIdentity(List<byte> identity)
    {
        identity.Add(IsWildcard ? (byte)0 : (byte)1);
        if (IsWildcard)
        {
            return;
        }

        identity.AddRange(Value);
        identity.AddRange(Kind == MatchKind.Range ? High : Mask);
    }

    private static byte[] Ones(int bytes, int bits)
    {
        var result = new byte[bytes];
        for (int bit = (bytes * 8) - bits; bit < bytes * 8; bit++)
        {
            result[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return result;
    }

    private static byte[] MaxValue(int bytes, int bitWidth) => Ones(bytes, bitWidth);

    private static bool IsZero(byte[] value) => Array.TrueForAll(value, b => b == 0);

    private static bool IsAllOnes(byte[] value, int bitWidth) => value.AsSpan().SequenceEqual(MaxValue(value.Length, bitWidth));
}
