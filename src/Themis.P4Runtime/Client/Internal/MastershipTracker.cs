using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Grpc.Core;
using P4.V1;

namespace Themis.P4Runtime.Client.Internal;

/// <summary>
/// The client's mastership state machine, fed by the server's MasterArbitrationUpdate messages, by stream loss
/// and by PERMISSION_DENIED answers. Thread-safe; watchers get the current state and then every change.
/// </summary>
/// <remarks>
/// The arbitration status codes follow the P4Runtime specification (section "Client Arbitration and Controller
/// Replication"): OK to the primary, ALREADY_EXISTS to backups while a primary exists, NOT_FOUND to backups when
/// there is none. BMv2's server (PI, proto/server/pi_server.cpp) sends OK / ALREADY_EXISTS and refuses a
/// non-primary Write or SetForwardingPipelineConfig with PERMISSION_DENIED "Not master".
/// </remarks>
internal sealed class MastershipTracker
{
    // A watcher only needs the latest state, so a slow one loses intermediate states, never the last.
    private const int WatcherCapacity = 16;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly List<Channel<MastershipState>> _watchers = [];
    private MastershipState _current;
    private bool _completed;

    public MastershipTracker(UInt128 electionId, TimeProvider time)
    {
        _time = time;
        _current = new MastershipState(
            MastershipStatus.Disconnected, electionId, null, StatusCode.Unavailable, "not connected yet", time.GetUtcNow());
    }

    public MastershipState Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>The state that a server's arbitration message means for a client announcing <paramref name="ownElectionId"/>.</summary>
    public static MastershipState FromArbitration(MasterArbitrationUpdate update, UInt128 ownElectionId, DateTimeOffset now)
    {
        UInt128? serverId = update.ElectionId is null ? null : ElectionIds.FromProto(update.ElectionId);
        if (update.Status is null)
        {
            // Not every server fills the status; fall back to comparing election ids.
            bool primary = serverId == ownElectionId;
            return new MastershipState(
                primary ? MastershipStatus.Primary : MastershipStatus.Backup,
                ownElectionId,
                serverId,
                primary ? StatusCode.OK : StatusCode.AlreadyExists,
                primary ? "server reported our election id (no status)" : "server reported another election id (no status)",
                now);
        }

        var code = (StatusCode)update.Status.Code;
        MastershipStatus status = code switch
        {
            StatusCode.OK => MastershipStatus.Primary,
            StatusCode.NotFound => MastershipStatus.BackupNoPrimary,
            _ => MastershipStatus.Backup,
        };
        return new MastershipState(status, ownElectionId, serverId, code, update.Status.Message ?? "", now);
    }

    public MastershipChange? ApplyArbitration(MasterArbitrationUpdate update, UInt128 ownElectionId) =>
        Transition(FromArbitration(update, ownElectionId, _time.GetUtcNow()));

    public MastershipChange? ApplyDisconnected(string reason)
    {
        MastershipState current = Current;
        return Transition(current with
        {
            Status = MastershipStatus.Disconnected,
            Code = StatusCode.Unavailable,
            Message = reason,
            Since = _time.GetUtcNow(),
        });
    }

    /// <summary>
    /// The server refused a primary-only call: whatever the last arbitration said, another controller has
    /// taken over (its arbitration update may still be in flight).
    /// </summary>
    public MastershipChange? ApplyNotPrimary(string serverMessage)
    {
        MastershipState current = Current;
        if (current.Status != MastershipStatus.Primary)
        {
            return null;
        }

        return Transition(current with
        {
            Status = MastershipStatus.Backup,
            ServerElectionId = null,
            Code = StatusCode.PermissionDenied,
            Message = $"server refused a primary-only call: {serverMessage}",
            Since = _time.GetUtcNow(),
        });
    }

    /// <summary>The current state, then every change, until cancelled or the client is disposed.</summary>
    public async IAsyncEnumerable<MastershipState> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<MastershipState>(new BoundedChannelOptions(WatcherCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        lock (_gate)
        {
            channel.Writer.TryWrite(_current);
            if (_completed)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _watchers.Add(channel);
            }
        }

        try
        {
            await foreach (MastershipState state in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return state;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (Channel<MastershipState> watcher in _watchers)
            {
                watcher.Writer.TryComplete();
            }

            _watchers.Clear();
        }
    }

    private MastershipChange? Transition(MastershipState next)
    {
        lock (_gate)
        {
            MastershipState previous = _current;
            if (previous.Status == next.Status
                && previous.ServerElectionId == next.ServerElectionId
                && previous.ElectionId == next.ElectionId
                && previous.Code == next.Code)
            {
                return null;
            }

            _current = next;
            foreach (Channel<MastershipState> watcher in _watchers)
            {
                watcher.Writer.TryWrite(next);
            }

            return new MastershipChange(previous, next);
        }
    }
}
