using System.Collections.Concurrent;

namespace Themis.Switch.Runtime.Replication;

/// <summary>
/// The packet replication engine: multicast groups and clone sessions, read by the traffic
/// manager for every replicated packet and written through P4Runtime.
/// </summary>
public sealed class PacketReplicationEngine
{
    private readonly ConcurrentDictionary<uint, MulticastGroup> _groups = new();
    private readonly ConcurrentDictionary<uint, CloneSession> _sessions = new();
    private readonly Lock _writeLock = new();

    /// <summary>Looks a multicast group up.</summary>
    public bool TryGetGroup(uint groupId, out MulticastGroup group) => _groups.TryGetValue(groupId, out group!);

    /// <summary>Looks a clone session up.</summary>
    public bool TryGetSession(uint sessionId, out CloneSession session) => _sessions.TryGetValue(sessionId, out session!);

    /// <summary>All multicast groups, by id.</summary>
    public IReadOnlyList<MulticastGroup> Groups => [.. _groups.Values.OrderBy(g => g.GroupId)];

    /// <summary>All clone sessions, by id.</summary>
    public IReadOnlyList<CloneSession> Sessions => [.. _sessions.Values.OrderBy(s => s.SessionId)];

    /// <summary>Writes a multicast group (INSERT, MODIFY or DELETE semantics).</summary>
    public PreStatus WriteGroup(WriteKind kind, MulticastGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        lock (_writeLock)
        {
            return Write(_groups, kind, group.GroupId, group);
        }
    }

    /// <summary>Writes a clone session (INSERT, MODIFY or DELETE semantics).</summary>
    public PreStatus WriteSession(WriteKind kind, CloneSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_writeLock)
        {
            return Write(_sessions, kind, session.SessionId, session);
        }
    }

    /// <summary>Removes every group and session (pipeline change).</summary>
    public void Clear()
    {
        lock (_writeLock)
        {
            _groups.Clear();
            _sessions.Clear();
        }
    }

    private static PreStatus Write<T>(ConcurrentDictionary<uint, T> map, WriteKind kind, uint id, T value)
    {
        switch (kind)
        {
            case WriteKind.Insert:
                return map.TryAdd(id, value) ? PreStatus.Ok : PreStatus.AlreadyExists;
            case WriteKind.Modify:
                if (!map.ContainsKey(id))
                {
                    return PreStatus.NotFound;
                }

                map[id] = value;
                return PreStatus.Ok;
            default:
                return map.TryRemove(id, out _) ? PreStatus.Ok : PreStatus.NotFound;
        }
    }
}
