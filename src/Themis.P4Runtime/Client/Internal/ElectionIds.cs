namespace Themis.P4Runtime.Client.Internal;

/// <summary>Conversions between <see cref="UInt128"/> and the wire's p4.v1.Uint128 (high and low 64 bits).</summary>
internal static class ElectionIds
{
    public static P4.V1.Uint128 ToProto(UInt128 value) => new()
    {
        High = (ulong)(value >> 64),
        Low = (ulong)value,
    };

    public static UInt128 FromProto(P4.V1.Uint128? value) =>
        value is null ? UInt128.Zero : new UInt128(value.High, value.Low);
}
