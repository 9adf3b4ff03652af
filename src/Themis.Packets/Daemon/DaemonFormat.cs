namespace Themis.Packets.Daemon;

/// <summary>Which daemon packet format a message came in.</summary>
public enum DaemonFormat : byte
{
    /// <summary>The original 16-byte Themis daemon packet, unauthenticated.</summary>
    V0 = 0,

    /// <summary>This project's format with magic, sequence, timestamp and optional HMAC.</summary>
    V1 = 1,
}
