namespace Themis.Switch.Runtime.Tables;

/// <summary>The match kinds a v1model table key may use (P4Runtime spec §9.1.1; v1model adds range and optional).</summary>
public enum MatchKind
{
    /// <summary>Exact match: the key must equal the value.</summary>
    Exact,

    /// <summary>Longest-prefix match: the most significant <c>prefix_len</c> bits must equal the value.</summary>
    Lpm,

    /// <summary>Ternary match: <c>key &amp; mask == value</c>; needs a priority.</summary>
    Ternary,

    /// <summary>Range match: <c>low &lt;= key &lt;= high</c>; needs a priority.</summary>
    Range,

    /// <summary>Optional match: exact or wildcard; needs a priority.</summary>
    Optional,
}
