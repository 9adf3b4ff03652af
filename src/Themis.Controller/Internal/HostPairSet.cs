namespace Themis.Controller.Internal;

/// <summary>
/// The inter-DC host pairs verified by handshake digests, each alive for a time-to-live after its last
/// refresh. Bounded: at capacity the pair closest to expiry makes room. Expired pairs only stop new
/// registrations; entries already installed stay until their QPs are destroyed.
/// </summary>
internal sealed class HostPairSet
{
    private readonly Dictionary<HostPair, long> _expiry = new();

    // Where the data plane keeps each pair's verified mark (from the digest), so an expired pair can be
    // cleared there too and its next connection is verified (and digested) again.
    private readonly Dictionary<HostPair, int> _dataPlaneIndex = new();

    // Lazy min-heap of (pair, expiry): stale items (refreshed pairs) are skipped when popped.
    private readonly PriorityQueue<HostPair, long> _byExpiry = new();
    private readonly TimeProvider _time;
    private readonly long _ttlTicks;

    public HostPairSet(TimeSpan ttl, int capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ttlTicks = ttl.Ticks;
        Capacity = capacity;
        _time = time;
    }

    public int Capacity { get; }

    public int Count => _expiry.Count;

    private long Now => _time.GetUtcNow().UtcTicks;

    /// <summary>Adds or refreshes a pair. Returns true when it was not known (or had expired).</summary>
    public bool AddOrRefresh(HostPair pair, int dataPlaneIndex = -1)
    {
        if (dataPlaneIndex >= 0)
        {
            _dataPlaneIndex[pair] = dataPlaneIndex;
        }

        long now = Now;
        bool isNew = !_expiry.TryGetValue(pair, out long old) || old <= now;
        if (isNew && !_expiry.ContainsKey(pair))
        {
            RemoveExpired();
            while (_expiry.Count >= Capacity && EvictOne())
            {
            }
        }

        long expiry = now + _ttlTicks;
        _expiry[pair] = expiry;
        _byExpiry.Enqueue(pair, expiry);
        CompactIfBloated();
        return isNew;
    }

    public bool Contains(HostPair pair) => _expiry.TryGetValue(pair, out long expiry) && expiry > Now;

    /// <summary>The data plane's index of the pair's verified mark, or -1 when not known.</summary>
    public int DataPlaneIndexOf(HostPair pair) => _dataPlaneIndex.TryGetValue(pair, out int index) ? index : -1;

    /// <summary>Drops pairs whose time is up and returns them.</summary>
    public IReadOnlyList<HostPair> RemoveExpired()
    {
        long now = Now;
        List<HostPair>? removed = null;
        while (_byExpiry.TryPeek(out HostPair pair, out long expiry) && expiry <= now)
        {
            _byExpiry.Dequeue();
            if (_expiry.TryGetValue(pair, out long current) && current == expiry)
            {
                _expiry.Remove(pair);
                (removed ??= []).Add(pair);
                ForgetIndexLater(pair);
            }
        }

        return removed ?? (IReadOnlyList<HostPair>)[];
    }

    public IEnumerable<HostPair> Pairs => _expiry.Keys;

    /// <summary>The live pairs with their expiry, at most <paramref name="limit"/> of them.</summary>
    public List<VerifiedPair> Snapshot(int limit)
    {
        long now = Now;
        var result = new List<VerifiedPair>(Math.Min(limit, _expiry.Count));
        foreach ((HostPair pair, long expiry) in _expiry)
        {
            if (result.Count >= limit)
            {
                break;
            }

            if (expiry > now)
            {
                result.Add(new VerifiedPair(Ipv4.Format(pair.Local), Ipv4.Format(pair.Remote), new DateTimeOffset(expiry, TimeSpan.Zero)));
            }
        }

        return result;
    }

    private bool EvictOne()
    {
        while (_byExpiry.TryDequeue(out HostPair pair, out long expiry))
        {
            if (_expiry.TryGetValue(pair, out long current) && current == expiry)
            {
                _expiry.Remove(pair);
                _dataPlaneIndex.Remove(pair);
                return true;
            }
        }

        return false;
    }

    /// <summary>Takes the data-plane index of a pair returned by <see cref="RemoveExpired"/> (once).</summary>
    public int TakeExpiredIndex(HostPair pair) => _expiredIndex.Remove(pair, out int index) ? index : -1;

    private readonly Dictionary<HostPair, int> _expiredIndex = new();

    private void ForgetIndexLater(HostPair pair)
    {
        if (_dataPlaneIndex.Remove(pair, out int index))
        {
            _expiredIndex[pair] = index;
        }
    }

    private void CompactIfBloated()
    {
        // Refreshes leave stale heap items behind; rebuild the heap when they outnumber the live ones.
        if (_byExpiry.Count <= 2 * Capacity + 16)
        {
            return;
        }

        _byExpiry.Clear();
        foreach ((HostPair pair, long expiry) in _expiry)
        {
            _byExpiry.Enqueue(pair, expiry);
        }
    }
}
