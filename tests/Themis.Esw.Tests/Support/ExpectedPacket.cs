namespace Themis.Esw.Tests.Support;

/// <summary>
/// A packet a test expects: exact bytes, or bytes with don't-care fields named as in header.p4 (PTF's Mask with
/// set_do_not_care_scapy): <c>ExpectedPacket.Of(frame).DontCare("ipv4.identification", "ipv4.hdr_checksum")</c>.
/// </summary>
public sealed class ExpectedPacket
{
    private readonly byte[] _mask;

    private ExpectedPacket(byte[] bytes, byte[] mask, IReadOnlyList<string> dontCare)
    {
        Bytes = bytes;
        _mask = mask;
        DontCareFields = dontCare;
    }

    public byte[] Bytes { get; }

    public IReadOnlyList<string> DontCareFields { get; }

    public static ExpectedPacket Of(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        byte[] mask = new byte[bytes.Length];
        Array.Fill(mask, (byte)0xFF);
        return new ExpectedPacket([.. bytes], mask, []);
    }

    public static implicit operator ExpectedPacket(byte[] bytes) => Of(bytes);

    /// <summary>A copy ignoring the named fields (they must exist in the expected frame).</summary>
    public ExpectedPacket DontCare(params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        byte[] mask = [.. _mask];
        IReadOnlyList<PacketField> layout = PacketLayout.Fields(Bytes);
        foreach (string name in fields)
        {
            PacketField field = layout.FirstOrDefault(f => f.Name == name);
            if (field.Name is null)
            {
                throw new ArgumentException($"The expected frame has no field '{name}'; it has {string.Join(", ", layout.Select(f => f.Name))}.", nameof(fields));
            }

            for (int bit = field.BitOffset; bit < field.BitOffset + field.BitWidth; bit++)
            {
                mask[bit / 8] &= (byte)~(0x80 >> (bit % 8));
            }
        }

        return new ExpectedPacket(Bytes, mask, [.. DontCareFields, .. fields]);
    }

    public bool Matches(ReadOnlySpan<byte> actual)
    {
        if (actual.Length != Bytes.Length)
        {
            return false;
        }

        for (int i = 0; i < Bytes.Length; i++)
        {
            if (((actual[i] ^ Bytes[i]) & _mask[i]) != 0)
            {
                return false;
            }
        }

        return true;
    }

    public bool IsDontCare(int byteIndex) => byteIndex < _mask.Length && _mask[byteIndex] != 0xFF;
}
