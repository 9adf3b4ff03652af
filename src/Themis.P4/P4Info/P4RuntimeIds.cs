using System.Text;

namespace Themis.P4.P4Info;

/// <summary>
/// P4Runtime id arithmetic exactly as p4c computes it (control-plane/p4RuntimeSymbolTable.cpp):
/// the 8-bit resource prefix (p4info.proto's P4Ids) in the top byte, the low 24 bits of the
/// Jenkins one-at-a-time hash of the control-plane name below, linear probing on collision.
/// </summary>
public static class P4RuntimeIds
{
    public const uint Action = 0x01;
    public const uint Table = 0x02;
    public const uint ValueSet = 0x03;
    public const uint ControllerHeader = 0x04;
    public const uint ActionProfile = 0x11;
    public const uint Counter = 0x12;
    public const uint DirectCounter = 0x13;
    public const uint Meter = 0x14;
    public const uint DirectMeter = 0x15;
    public const uint Register = 0x16;
    public const uint Digest = 0x17;

    /// <summary>Bob Jenkins' one-at-a-time hash over the UTF-8 bytes of <paramref name="name"/>.</summary>
    public static uint JenkinsOneAtATime(string name)
    {
        uint hash = 0;
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            unchecked
            {
                hash += b;
                hash += hash << 10;
                hash ^= hash >> 6;
            }
        }
        unchecked
        {
            hash += hash << 3;
            hash ^= hash >> 11;
            hash += hash << 15;
        }
        return hash;
    }

    /// <summary>The id p4c gives <paramref name="name"/> when no id in <paramref name="taken"/> collides.</summary>
    public static uint Compute(uint prefix, string name, ISet<uint> taken)
    {
        uint start = JenkinsOneAtATime(name);
        uint value = start;
        while (true)
        {
            uint id = (prefix << 24) | (value & 0xFFFFFF);
            if (!taken.Contains(id))
            {
                return id;
            }
            unchecked
            {
                value++;
            }
            if (value == start)
            {
                throw new InvalidOperationException($"no P4Runtime id left for '{name}'");
            }
        }
    }
}
