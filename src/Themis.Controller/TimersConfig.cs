namespace Themis.Controller;

/// <summary>Expiry times and periodic work (JSON section <c>timers</c>).</summary>
public sealed record TimersConfig
{
    /// <summary><c>hostPairTtl</c>: how long a verified host pair admits new registrations after its last digest. Default <c>1h</c>.</summary>
    public TimeSpan HostPairTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary><c>hostPairCapacity</c>: verified pairs remembered at most. Default 65536.</summary>
    public int HostPairCapacity { get; init; } = 65536;

    /// <summary><c>cnpStoreIdleTimeout</c>: idle time after which the switch reports a <c>cnp_store</c> entry for removal. Default <c>1s</c>: far beyond beta and a loop pass, because an entry that expires while the flow is throttled lets its next packets overtake those still in the loop.</summary>
    public TimeSpan CnpStoreIdleTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>secretRotation</c>: period of the SYN-cookie secret rotation. Default <c>60s</c>.</summary>
    public TimeSpan SecretRotation { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>reconnectInitialDelay</c>: first delay before reconnecting to a lost switch. Default <c>250ms</c>.</summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary><c>reconnectMaxDelay</c>: largest reconnect delay. Default <c>5s</c>.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(5);
}
