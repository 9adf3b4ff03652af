namespace Themis.Switch.Runtime.Externs;

/// <summary>
/// A CRC definition in BMv2's <c>crc_custom</c> terms (bm_sim/calculations.cpp): width, polynomial
/// (normal form), initial remainder, final XOR, and whether input bytes and the final remainder
/// are bit-reflected.
/// </summary>
public sealed record CrcConfig(int Width, ulong Polynomial, ulong InitialRemainder, ulong FinalXor, bool ReflectData, bool ReflectRemainder)
{
    /// <summary>BMv2's crc16 and default crc16_custom: CRC-16/ARC.</summary>
    public static CrcConfig Crc16 { get; } = new(16, 0x8005, 0x0000, 0x0000, true, true);

    /// <summary>BMv2's crc32 and default crc32_custom: the IEEE CRC-32.</summary>
    public static CrcConfig Crc32 { get; } = new(32, 0x04C11DB7, 0xFFFFFFFF, 0xFFFFFFFF, true, true);
}
