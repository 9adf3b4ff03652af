namespace Themis.Switch.Runtime.Externs;

/// <summary>
/// One counter: a packet count and a byte count, updated atomically by the data plane. Both are
/// kept whatever the unit (as BMv2 does); the unit only decides what P4Runtime reports.
/// </summary>
public sealed class CounterCell
{
    private long _packets;
    private long _bytes;

    /// <summary>Packets counted.</summary>
    public long Packets => Volatile.Read(ref _packets);

    /// <summary>Bytes counted.</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>Counts one packet of <paramref name="length"/> bytes.</summary>
    public void Count(int length)
    {
        Interlocked.Increment(ref _packets);
        Interlocked.Add(ref _bytes, length);
    }

    /// <summary>Sets both values (P4Runtime counter write).</summary>
    public void Set(long packets, long bytes)
    {
        Volatile.Write(ref _packets, packets);
        Volatile.Write(ref _bytes, bytes);
    }
}
