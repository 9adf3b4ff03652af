using System.Security.Cryptography.X509Certificates;

namespace Themis.P4Runtime;

/// <summary>
/// How a <see cref="P4RuntimeClient"/> reaches and identifies itself to one P4Runtime device.
/// Every property has a documented default; <see cref="Validate"/> reports every problem at once.
/// </summary>
public sealed record P4RuntimeClientOptions
{
    /// <summary>The default server address: BMv2 <c>simple_switch_grpc</c> listens on 0.0.0.0:9559 unless
    /// <c>--grpc-server-addr</c> says otherwise.</summary>
    public static readonly Uri DefaultAddress = new("http://127.0.0.1:9559");

    /// <summary>
    /// The server. <c>http://</c> speaks plaintext HTTP/2 (h2c, what BMv2 serves by default); <c>https://</c>
    /// speaks TLS. Default <c>http://127.0.0.1:9559</c>.
    /// </summary>
    public Uri Address { get; init; } = DefaultAddress;

    /// <summary>The P4Runtime device id. Default 0, BMv2's default <c>--device-id</c>.</summary>
    public ulong DeviceId { get; init; }

    /// <summary>
    /// This controller's election id; among the controllers of a role the highest is primary. Default 1:
    /// a client without an election id is a permanent backup on some servers, and 0 is ambiguous on others.
    /// </summary>
    public UInt128 ElectionId { get; init; } = UInt128.One;

    /// <summary>The role name; empty (the default) is the default role with full pipeline access.</summary>
    public string Role { get; init; } = "";

    /// <summary>
    /// TLS only: the certificate authority that signed the server's certificate. Null (the default) trusts
    /// the system's store.
    /// </summary>
    public X509Certificate2? RootCertificate { get; init; }

    /// <summary>TLS only: a certificate with its private key for mutual TLS. Default none.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>TLS only: the name expected in the server's certificate when it differs from the address's host.
    /// Default null (the address's host).</summary>
    public string? TlsServerName { get; init; }

    /// <summary>
    /// A message handler to carry the HTTP/2 traffic instead of a socket (for hosting a server in-process).
    /// Default null: the client opens its own connection. The client does not dispose a handler given here.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Deadline of Write, Capabilities and GetForwardingPipelineConfig calls. Default 10 s.</summary>
    public TimeSpan UnaryDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline of a whole Read (all its responses). Default 60 s.</summary>
    public TimeSpan ReadDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Deadline of SetForwardingPipelineConfig; loading a program can be slow. Default 120 s.</summary>
    public TimeSpan PipelineConfigDeadline { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long to wait for the server's answer to a MasterArbitrationUpdate. Default 10 s.</summary>
    public TimeSpan ArbitrationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Interval of HTTP/2 keep-alive pings, so a vanished server is noticed and the stream reconnected.
    /// Default 10 s; <see cref="Timeout.InfiniteTimeSpan"/> disables pings. Ignored with <see cref="HttpHandler"/>.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reopen the stream and re-arbitrate after the stream breaks. Default true.</summary>
    public bool AutoReconnect { get; init; } = true;

    /// <summary>Delay before the first reconnect attempt (before jitter). Default 250 ms.</summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Upper bound of any reconnect delay, jitter included. Default 15 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Growth factor of the delay from one failed attempt to the next. Default 2.</summary>
    public double ReconnectMultiplier { get; init; } = 2.0;

    /// <summary>
    /// Random spread of each delay as a fraction: 0.2 (the default) draws from ±20 % of the nominal delay,
    /// so controllers that lost the same switch do not reconnect in lock step.
    /// </summary>
    public double ReconnectJitter { get; init; } = 0.2;

    /// <summary>
    /// Capacity of each inbound queue (packet-ins, digest lists, idle-timeout notifications, stream errors).
    /// When a consumer falls behind, the oldest message is dropped and counted (see
    /// <see cref="P4RuntimeClient.Statistics"/>), so the stream never stalls. Default 4096.
    /// </summary>
    public int InboundQueueCapacity { get; init; } = 4096;

    /// <summary>Capacity of the outbound stream queue (packet-outs, acks); senders wait when it is full. Default 1024.</summary>
    public int OutboundQueueCapacity { get; init; } = 1024;

    /// <summary>Largest message accepted from the server (big P4Infos and reads). Default 64 MiB.</summary>
    public int MaxReceiveMessageSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>The clock for reconnect delays. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>True when the address asks for TLS.</summary>
    public bool UsesTls => string.Equals(Address?.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);

    /// <summary>Every problem with these options, each saying what to change; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Address is null || !Address.IsAbsoluteUri)
        {
            errors.Add("Address must be an absolute URI such as http://127.0.0.1:9559.");
        }
        else if (Address.Scheme != Uri.UriSchemeHttp && Address.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"Address '{Address}' must use http:// (plaintext) or https:// (TLS), e.g. http://127.0.0.1:9559.");
        }

        if (Role is null)
        {
            errors.Add("Role must not be null; use \"\" for the default role.");
        }

        if (!UsesTls && (RootCertificate is not null || ClientCertificate is not null || TlsServerName is not null))
        {
            errors.Add($"TLS settings are given but Address '{Address}' is plaintext; use an https:// address or drop the TLS settings.");
        }

        if (ClientCertificate is not null && !ClientCertificate.HasPrivateKey)
        {
            errors.Add("ClientCertificate has no private key; load it together with its key (e.g. X509Certificate2.CreateFromPemFile(cert, key)).");
        }

        if (HttpHandler is not null && (RootCertificate is not null || ClientCertificate is not null))
        {
            errors.Add("HttpHandler and TLS certificates are exclusive: configure TLS on the handler itself.");
        }

        RequirePositive(errors, UnaryDeadline, nameof(UnaryDeadline));
        RequirePositive(errors, ReadDeadline, nameof(ReadDeadline));
        RequirePositive(errors, PipelineConfigDeadline, nameof(PipelineConfigDeadline));
        RequirePositive(errors, ArbitrationTimeout, nameof(ArbitrationTimeout));
        if (KeepAliveInterval != Timeout.InfiniteTimeSpan && KeepAliveInterval <= TimeSpan.Zero)
        {
            errors.Add($"KeepAliveInterval must be positive or Timeout.InfiniteTimeSpan (to disable pings), not {KeepAliveInterval}.");
        }

        RequirePositive(errors, ReconnectInitialDelay, nameof(ReconnectInitialDelay));
        if (ReconnectMaxDelay < ReconnectInitialDelay)
        {
            errors.Add($"ReconnectMaxDelay ({ReconnectMaxDelay}) must be at least ReconnectInitialDelay ({ReconnectInitialDelay}).");
        }

        if (!(ReconnectMultiplier >= 1.0) || double.IsInfinity(ReconnectMultiplier))
        {
            errors.Add($"ReconnectMultiplier must be a finite number >= 1, not {ReconnectMultiplier}.");
        }

        if (!(ReconnectJitter >= 0.0 && ReconnectJitter < 1.0))
        {
            errors.Add($"ReconnectJitter must be in [0, 1), not {ReconnectJitter}; 0.2 spreads delays by ±20 %.");
        }

        if (InboundQueueCapacity < 1)
        {
            errors.Add($"InboundQueueCapacity must be at least 1, not {InboundQueueCapacity}.");
        }

        if (OutboundQueueCapacity < 1)
        {
            errors.Add($"OutboundQueueCapacity must be at least 1, not {OutboundQueueCapacity}.");
        }

        if (MaxReceiveMessageSize < 4096)
        {
            errors.Add($"MaxReceiveMessageSize must be at least 4096 bytes, not {MaxReceiveMessageSize}.");
        }

        if (TimeProvider is null)
        {
            errors.Add("TimeProvider must not be null; use TimeProvider.System.");
        }

        return errors;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem <see cref="Validate"/> finds.</summary>
    public void ThrowIfInvalid()
    {
        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                $"Invalid P4Runtime client options ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):"
                + Environment.NewLine + "  - " + string.Join(Environment.NewLine + "  - ", errors));
        }
    }

    private static void RequirePositive(List<string> errors, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{name} must be positive, not {value}.");
        }
    }
}
