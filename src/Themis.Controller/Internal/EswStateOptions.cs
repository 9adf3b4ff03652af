namespace Themis.Controller.Internal;

/// <summary>The sizes and times the controller's state is built with (taken from <see cref="ControllerConfig"/>).</summary>
internal sealed record EswStateOptions
{
    public int FlowSlots { get; init; } = 1024;

    public int CnpStoreSize { get; init; } = 1024;

    public int CnpCacheSize { get; init; } = 1024;

    public TimeSpan HostPairTtl { get; init; } = TimeSpan.FromHours(1);

    public int HostPairCapacity { get; init; } = 65536;

    public RegistrationLimits Registration { get; init; } = new(TimeSpan.FromSeconds(2), 4096, 256);

    public TimeSpan SecretRotation { get; init; } = TimeSpan.FromSeconds(60);

    public int SecretBits { get; init; } = 32;

    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    public static EswStateOptions From(ControllerConfig config, int secretBits = 32) => new()
    {
        FlowSlots = config.Themis.FlowSlots,
        CnpStoreSize = config.Themis.CnpStoreSize,
        CnpCacheSize = config.Themis.CnpCacheSize,
        HostPairTtl = config.Timers.HostPairTtl,
        HostPairCapacity = config.Timers.HostPairCapacity,
        Registration = new RegistrationLimits(config.Daemon.GracePeriod, config.Daemon.MaxPending, config.Daemon.MaxPendingPerHost),
        SecretRotation = config.Timers.SecretRotation,
        SecretBits = secretBits,
        MaxClockSkew = config.Daemon.MaxClockSkew,
    };
}
