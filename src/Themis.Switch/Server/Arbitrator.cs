using Google.Rpc;
using V1 = global::P4.V1;

namespace Themis.Switch.Server;

/// <summary>
/// Primary/backup election per role (P4Runtime spec §5 "Client arbitration"), with PI's variant
/// (pi_server.cpp: the highest connected election id is primary) selectable.
/// </summary>
internal sealed class Arbitrator(ulong deviceId, ArbitrationMode mode)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RoleState> _roles = [];

    /// <summary>Handles a MasterArbitrationUpdate; returns an error status to end the stream with, or null.</summary>
    public (Grpc.Core.StatusCode Code, string Message)? Arbitrate(StreamConnection connection, V1.MasterArbitrationUpdate update)
    {
        List<StreamConnection> toNotify;
        RoleState role;
        lock (_lock)
        {
            if (update.DeviceId != deviceId)
            {
                return (Grpc.Core.StatusCode.NotFound, $"Device id {update.DeviceId} does not exist; this switch is device {deviceId}.");
            }

            string roleName = update.Role?.Name ?? string.Empty;
            if (connection.Arbitrated && connection.Role != roleName)
            {
                return (Grpc.Core.StatusCode.FailedPrecondition, $"The stream arbitrated for role '{connection.Role}' cannot switch to role '{roleName}'; open a new stream.");
            }

            UInt128 electionId = update.ElectionId is null ? UInt128.Zero : new UInt128(update.ElectionId.High, update.ElectionId.Low);
            role = Role(roleName);
            if (role.Connections.Any(c => c != connection && c.ElectionId == electionId))
            {
                return (Grpc.Core.StatusCode.InvalidArgument, $"Election id {electionId} is already used by another client of role '{roleName}'; each client needs a distinct election id.");
            }

            StreamConnection? oldPrimary = role.Primary;
            connection.Arbitrated = true;
            connection.DeviceId = update.DeviceId;
            connection.Role = roleName;
            connection.ElectionId = electionId;
            if (!role.Connections.Contains(connection))
            {
                role.Connections.Add(connection);
            }

            if (mode == ArbitrationMode.Pi)
            {
                role.Primary = role.Connections.MaxBy(c => c.ElectionId);
                role.Highest = role.Primary?.ElectionId;
            }
            else if (role.Highest is null || electionId >= role.Highest.Value)
            {
                role.Highest = electionId;
                role.Primary = connection;
            }
            else if (role.Primary == connection)
            {
                // The primary lowered its id below the highest seen: it steps down.
                role.Primary = null;
            }

            toNotify = role.Primary != oldPrimary ? [.. role.Connections] : [connection];
        }

        Notify(role, toNotify);
        return null;
    }

    /// <summary>Removes a closed stream; promotes (PI mode) or leaves the role without primary (spec mode).</summary>
    public void Remove(StreamConnection connection)
    {
        List<StreamConnection> toNotify = [];
        RoleState? role;
        lock (_lock)
        {
            if (!connection.Arbitrated || !_roles.TryGetValue(connection.Role, out role) || !role.Connections.Remove(connection))
            {
                return;
            }

            if (role.Primary == connection)
            {
                role.Primary = mode == ArbitrationMode.Pi ? role.Connections.MaxBy(c => c.ElectionId) : null;
                if (mode == ArbitrationMode.Pi)
                {
                    role.Highest = role.Primary?.ElectionId;
                }

                toNotify = [.. role.Connections];
            }
        }

        Notify(role, toNotify);
    }

    /// <summary>True when <paramref name="electionId"/> is the primary of <paramref name="role"/>.</summary>
    public bool IsPrimary(string role, UInt128 electionId)
    {
        lock (_lock)
        {
            return _roles.TryGetValue(role, out RoleState? state) && state.Primary is { } p && p.ElectionId == electionId;
        }
    }

    /// <summary>True when some client has opened a stream (PI accepts unarbitrated writes only when none has).</summary>
    public bool HasConnections
    {
        get
        {
            lock (_lock)
            {
                return _roles.Values.Any(r => r.Connections.Count > 0);
            }
        }
    }

    /// <summary>The primary of <paramref name="role"/>, which receives PacketIn, digests and idle notifications.</summary>
    public StreamConnection? Primary(string role)
    {
        lock (_lock)
        {
            return _roles.TryGetValue(role, out RoleState? state) ? state.Primary : null;
        }
    }

    /// <summary>True when <paramref name="connection"/> is the primary of its role.</summary>
    public bool IsPrimary(StreamConnection connection)
    {
        lock (_lock)
        {
            return connection.Arbitrated && _roles.TryGetValue(connection.Role, out RoleState? state) && state.Primary == connection;
        }
    }

    private RoleState Role(string name)
    {
        if (!_roles.TryGetValue(name, out RoleState? state))
        {
            state = new RoleState();
            _roles[name] = state;
        }

        return state;
    }

    private void Notify(RoleState role, List<StreamConnection> connections)
    {
        StreamConnection? primary;
        UInt128 reported;
        lock (_lock)
        {
            primary = role.Primary;
            reported = primary?.ElectionId ?? role.Highest ?? UInt128.Zero;
        }

        foreach (StreamConnection c in connections)
        {
            var status = primary == c
                ? new Status { Code = (int)Code.Ok, Message = "Is primary" }
                : primary is null
                    ? new Status { Code = (int)Code.NotFound, Message = "No primary: arbitrate with an election id at least as high as the highest seen" }
                    : new Status { Code = (int)Code.AlreadyExists, Message = "Is backup" };
            var update = new V1.MasterArbitrationUpdate
            {
                DeviceId = deviceId,
                ElectionId = new V1.Uint128 { High = (ulong)(reported >> 64), Low = (ulong)reported },
                Status = status,
            };
            if (c.Role.Length > 0)
            {
                update.Role = new V1.Role { Name = c.Role };
            }

            c.Enqueue(new V1.StreamMessageResponse { Arbitration = update });
        }
    }

    private sealed class RoleState
    {
        public List<StreamConnection> Connections { get; } = [];

        public StreamConnection? Primary { get; set; }

        public UInt128? Highest { get; set; }
    }
}
