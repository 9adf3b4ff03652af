using System.Numerics;

namespace Themis.Switch.Execution;

/// <summary>One key field of a table: its value written big-endian, right-aligned in its bytes of the lookup key.</summary>
internal sealed class KeyPart(int offset, int bytes, NarrowFn? narrow, WideFn? wide)
{
    public void Write(PacketState s, byte[] key)
    {
        if (narrow is not null)
        {
            ulong v = narrow(s);
            for (int i = offset + bytes - 1; i >= offset; i--)
            {
                key[i] = (byte)v;
                v >>= 8;
            }

            return;
        }

        BigInteger w = wide!(s);
        for (int i = offset + bytes - 1; i >= offset; i--)
        {
            key[i] = (byte)(w & 0xFF);
            w >>= 8;
        }
    }
}
