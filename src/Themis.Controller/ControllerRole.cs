namespace Themis.Controller;

/// <summary>Where the controller stands with the switch.</summary>
public enum ControllerRole
{
    /// <summary>Not connected (starting, or reconnecting after a loss).</summary>
    Disconnected,

    /// <summary>Connected as a standby: another controller is primary; waiting to take over.</summary>
    Standby,

    /// <summary>Connected and primary, setting the switch up.</summary>
    SettingUp,

    /// <summary>Primary and serving.</summary>
    Primary,
}
