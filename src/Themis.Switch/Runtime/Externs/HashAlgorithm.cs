namespace Themis.Switch.Runtime.Externs;

/// <summary>The v1model <c>HashAlgorithm</c> members the switch implements.</summary>
public enum HashAlgorithm
{
    /// <summary>CRC-32 (IEEE 802.3, reflected, init and final XOR 0xFFFFFFFF).</summary>
    Crc32,

    /// <summary>CRC-32 with BMv2's default custom configuration, which equals <see cref="Crc32"/>.</summary>
    Crc32Custom,

    /// <summary>CRC-16/ARC (polynomial 0x8005, reflected, init 0, no final XOR).</summary>
    Crc16,

    /// <summary>CRC-16 with BMv2's default custom configuration, which equals <see cref="Crc16"/>.</summary>
    Crc16Custom,

    /// <summary>A uniformly random value (not a function of the data).</summary>
    Random,

    /// <summary>The first 8 bytes of the data, big-endian.</summary>
    Identity,

    /// <summary>The Internet checksum (RFC 1071) of the data, zero-padded to even length.</summary>
    Csum16,

    /// <summary>XOR of the data's big-endian 16-bit words, the last one zero-padded.</summary>
    Xor16,
}
