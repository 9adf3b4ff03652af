namespace Themis.Packets.Daemon;

/// <summary>What a host daemon reports. Values are the v1 wire codes.</summary>
public enum DaemonEvent : byte
{
    /// <summary>A QP reached RTR/RTS: register (local QPN → remote IP, remote QPN). v0 flag 1.</summary>
    QpReady = 1,

    /// <summary>A QP was destroyed: only the local QPN is meaningful. v0 flag 0.</summary>
    QpDestroyed = 2,

    /// <summary>The daemon is alive; no QP fields (v1 only).</summary>
    Heartbeat = 3,
}
