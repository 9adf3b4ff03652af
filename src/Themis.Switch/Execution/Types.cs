using Themis.P4.Semantics;

namespace Themis.Switch.Execution;

/// <summary>Widths and signedness of scalar P4 types as the executor stores them.</summary>
internal static class Types
{
    /// <summary>Bits of a scalar value: bit/int width, 1 for bool, the underlying width of a serializable enum, 32 for other enums and error.</summary>
    public static int Width(P4Type type) => type switch
    {
        BitsType b => b.Width,
        BoolType => 1,
        EnumType { UnderlyingBits: { } u } => u.Width,
        EnumType or ErrorType => 32,
        NewType n => Width(n.UnderlyingType),
        InfIntType => 64,
        MatchKindType or StringType => 32,
        _ => throw new CompileException($"a value of type '{type}' cannot be stored in a field or variable here"),
    };

    public static bool IsSigned(P4Type type) => type switch
    {
        BitsType b => b.IsSigned,
        EnumType { UnderlyingBits: { } u } => u.IsSigned,
        NewType n => IsSigned(n.UnderlyingType),
        InfIntType => true,
        _ => false,
    };

    /// <summary>True for types held in one narrow or wide cell (not headers, structs, stacks, varbits).</summary>
    public static bool IsScalar(P4Type type) => type switch
    {
        BitsType or BoolType or EnumType or ErrorType or InfIntType => true,
        NewType n => IsScalar(n.UnderlyingType),
        _ => false,
    };

    public static ulong Mask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;
}
