namespace Themis.Controller.Internal;

/// <summary>What a daemon reports about a QP.</summary>
internal enum DaemonEventKind
{
    /// <summary>The QP reached RTR/RTS: register it.</summary>
    Create,

    /// <summary>The QP was destroyed: forget it. Only the local QPN is meaningful.</summary>
    Destroy,
}
