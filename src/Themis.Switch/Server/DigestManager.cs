using Google.Rpc;
using Themis.Switch.Pipeline;
using Themis.Switch.Runtime.Replication;
using V1 = global::P4.V1;

namespace Themis.Switch.Server;

/// <summary>
/// Batches digests into DigestList messages (P4Runtime §16): a list goes out when it reaches
/// max_list_size or its oldest sample is max_timeout_ns old; identical data is not reported again
/// until the list is acked or ack_timeout_ns passes. Strict mode drops digests of unconfigured
/// digest ids, as PI does; otherwise they are sent one per list.
/// </summary>
internal sealed class DigestManager(ServerOptions options, TimeProvider time, Action<V1.StreamMessageResponse> send)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<uint, DigestConfig> _configs = [];
    private readonly Dictionary<uint, List<(V1.P4Data Data, long At)>> _pending = [];
    private readonly Dictionary<(uint, ulong), (List<V1.P4Data> Data, long SentAt)> _unacked = [];
    private readonly Dictionary<V1.P4Data, long> _suppressed = [];
    private ulong _listIds;

    public void Configure(SwitchState state, WriteKind kind, V1.DigestEntry entry)
    {
        if (!state.Definition.P4Info.Digests.Any(d => d.Preamble.Id == entry.DigestId))
        {
            throw new UpdateError(Code.NotFound, $"Invalid P4 id: no digest has id {entry.DigestId}.");
        }

        lock (_lock)
        {
            bool exists = _configs.ContainsKey(entry.DigestId);
            switch (kind)
            {
                case WriteKind.Insert when exists:
                    throw new UpdateError(Code.AlreadyExists, $"Digest {entry.DigestId} is already configured; use MODIFY.");
                case WriteKind.Modify or WriteKind.Delete when !exists:
                    throw new UpdateError(Code.NotFound, $"Digest {entry.DigestId} is not configured; INSERT a DigestEntry first.");
                case WriteKind.Delete:
                    _configs.Remove(entry.DigestId);
                    _pending.Remove(entry.DigestId);
                    return;
            }

            V1.DigestEntry.Types.Config c = entry.Config ?? throw UpdateError.Invalid("DigestEntry.config is required for INSERT and MODIFY.");
            if (c.MaxTimeoutNs < 0 || c.MaxListSize < 0 || c.AckTimeoutNs < 0)
            {
                throw UpdateError.Invalid("Digest config values must not be negative.");
            }

            _configs[entry.DigestId] = new DigestConfig(c.MaxTimeoutNs, c.MaxListSize, c.AckTimeoutNs);
        }
    }

    public IReadOnlyList<V1.DigestEntry> Read(uint digestId)
    {
        lock (_lock)
        {
            return [.. _configs.Where(p => digestId == 0 || p.Key == digestId).OrderBy(p => p.Key).Select(p => new V1.DigestEntry
            {
                DigestId = p.Key,
                Config = new V1.DigestEntry.Types.Config { MaxTimeoutNs = p.Value.MaxTimeoutNs, MaxListSize = p.Value.MaxListSize, AckTimeoutNs = p.Value.AckTimeoutNs },
            })];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _configs.Clear();
            _pending.Clear();
            _unacked.Clear();
            _suppressed.Clear();
        }
    }

    /// <summary>Takes a sample from the data plane.</summary>
    public void Add(DigestSample sample)
    {
        long now = time.GetTimestamp();
        List<V1.StreamMessageResponse> ready = [];
        lock (_lock)
        {
            if (!_configs.TryGetValue(sample.DigestId, out DigestConfig? config))
            {
                if (options.StrictBmv2)
                {
                    return;
                }

                config = new DigestConfig(0, 1, 0);
            }

            if (_suppressed.TryGetValue(sample.Data, out long until) && now < until)
            {
                return;
            }

            if (!_pending.TryGetValue(sample.DigestId, out List<(V1.P4Data, long)>? list))
            {
                list = [];
                _pending[sample.DigestId] = list;
            }

            list.Add((sample.Data, now));
            _suppressed[sample.Data] = config.AckTimeoutNs > 0 ? now + ToTicks(config.AckTimeoutNs) : long.MaxValue;
            if (config.MaxListSize <= 1 || list.Count >= config.MaxListSize || config.MaxTimeoutNs == 0)
            {
                ready.Add(Flush(sample.DigestId, list, now));
            }
        }

        foreach (V1.StreamMessageResponse message in ready)
        {
            send(message);
        }
    }

    /// <summary>Sends lists whose oldest sample waited max_timeout_ns; expires unacked suppression.</summary>
    public void Tick()
    {
        long now = time.GetTimestamp();
        List<V1.StreamMessageResponse> ready = [];
        lock (_lock)
        {
            foreach ((uint id, List<(V1.P4Data Data, long At)> list) in _pending)
            {
                DigestConfig config = _configs.GetValueOrDefault(id) ?? new DigestConfig(0, 1, 0);
                if (list.Count > 0 && now - list[0].At >= ToTicks(config.MaxTimeoutNs))
                {
                    ready.Add(Flush(id, list, now));
                }
            }

            foreach (V1.P4Data key in _suppressed.Where(p => p.Value <= now).Select(p => p.Key).ToList())
            {
                _suppressed.Remove(key);
            }
        }

        foreach (V1.StreamMessageResponse message in ready)
        {
            send(message);
        }
    }

    public void Ack(V1.DigestListAck ack)
    {
        lock (_lock)
        {
            if (_unacked.Remove((ack.DigestId, ack.ListId), out (List<V1.P4Data> Data, long SentAt) sent))
            {
                foreach (V1.P4Data data in sent.Data)
                {
                    _suppressed.Remove(data);
                }
            }
        }
    }

    private V1.StreamMessageResponse Flush(uint digestId, List<(V1.P4Data Data, long At)> list, long now)
    {
        var message = new V1.DigestList { DigestId = digestId, ListId = ++_listIds, Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000 };
        message.Data.AddRange(list.Select(x => x.Data));
        _unacked[(digestId, message.ListId)] = (list.Select(x => x.Data).ToList(), now);
        list.Clear();
        return new V1.StreamMessageResponse { Digest = message };
    }

    private long ToTicks(long ns) => (long)(ns / 1e9 * time.TimestampFrequency);
}
