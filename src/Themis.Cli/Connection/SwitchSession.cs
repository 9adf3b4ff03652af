using Grpc.Core;
using Grpc.Net.Client;
using P4.Config.V1;
using P4.V1;
using Themis.P4Runtime;
using Themis.P4Runtime.Info;
using P4RuntimeStub = global::P4.V1.P4Runtime.P4RuntimeClient;

namespace Themis.Cli.Connection;

/// <summary>
/// One themisctl run's view of a switch. Reads go over plain unary calls without a StreamChannel, so
/// read-only commands never arbitrate and cannot disturb the controller's primacy (PI and the embedded switch
/// serve reads to any client). A primary session is opened only when a command needs one: changes and the
/// control-packet register path.
/// </summary>
internal sealed class SwitchSession : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly P4RuntimeStub _stub;
    private readonly TextWriter _diagnostics;
    private P4InfoIndex? _index;
    private ForwardingPipelineConfig? _config;
    private P4RuntimeClient? _primary;

    public SwitchSession(CliSettings settings, TextWriter diagnostics, CliEnvironment environment)
    {
        Settings = settings;
        Environment = environment;
        _diagnostics = diagnostics;
        _channel = GrpcChannel.ForAddress(settings.Address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = 64 * 1024 * 1024,
        });
        _stub = new P4RuntimeStub(_channel);
    }

    public CliSettings Settings { get; }

    public CliEnvironment Environment { get; }

    /// <summary>Writes a --verbose line to stderr.</summary>
    public void Verbose(string message)
    {
        if (Settings.Verbose)
        {
            _diagnostics.WriteLine("themisctl: " + message);
        }
    }

    /// <summary>
    /// Asks the operator to confirm a change: --yes confirms; otherwise a person must answer y at the prompt, and
    /// without a terminal the change is refused (a script must say --yes explicitly).
    /// </summary>
    public void Confirm(string change)
    {
        if (Settings.Yes)
        {
            return;
        }

        if (!Environment.IsInteractive)
        {
            throw CliException.Usage($"Refusing to change the switch without confirmation ({change}): there is no terminal to ask; pass --yes.");
        }

        _diagnostics.Write($"{change} on {SwitchErrors.Show(Settings)} (device {Settings.DeviceId})? [y/N] ");
        _diagnostics.Flush();
        string answer = (Environment.Input.ReadLine() ?? "").Trim();
        if (!answer.Equals("y", StringComparison.OrdinalIgnoreCase) && !answer.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            throw CliException.Usage("Not confirmed; nothing was changed.");
        }
    }

    /// <summary>The P4Info: from --p4info, else from the switch (GetForwardingPipelineConfig).</summary>
    public async Task<P4InfoIndex> GetP4InfoAsync(CancellationToken cancellationToken)
    {
        if (_index is not null)
        {
            return _index;
        }

        if (Settings.P4InfoPath is { } path)
        {
            try
            {
                _index = P4InfoIndex.Load(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
            {
                throw CliException.Usage($"--p4info {path}: {ex.Message}");
            }

            Verbose($"P4Info from {path} ({_index.P4Info.Tables.Count} tables)");
            return _index;
        }

        ForwardingPipelineConfig config = await GetPipelineConfigAsync(cancellationToken).ConfigureAwait(false);
        if (config.P4Info is null || config.P4Info.CalculateSize() == 0)
        {
            throw CliException.Refused(
                $"The switch at {SwitchErrors.Show(Settings)} (device {Settings.DeviceId}) has no pipeline loaded, so there is nothing to show. "
                + "Start the controller (it pushes the ESW program), or pass --p4info FILE if the switch cannot return its P4Info.");
        }

        _index = P4InfoIndex.FromP4Info(config.P4Info);
        Verbose($"P4Info from the switch ({_index.P4Info.Tables.Count} tables)");
        return _index;
    }

    /// <summary>The switch's pipeline config (P4Info and cookie), fetched once.</summary>
    public async Task<ForwardingPipelineConfig> GetPipelineConfigAsync(CancellationToken cancellationToken)
    {
        if (_config is not null)
        {
            return _config;
        }

        var request = new GetForwardingPipelineConfigRequest
        {
            DeviceId = Settings.DeviceId,
            ResponseType = GetForwardingPipelineConfigRequest.Types.ResponseType.P4InfoAndCookie,
        };
        try
        {
            GetForwardingPipelineConfigResponse response = await _stub.GetForwardingPipelineConfigAsync(
                request, deadline: Deadline(), cancellationToken: cancellationToken).ConfigureAwait(false);
            _config = response.Config ?? new ForwardingPipelineConfig();
            return _config;
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            throw SwitchErrors.FromRpc(ex, "GetForwardingPipelineConfig", Settings);
        }
    }

    /// <summary>Reads every entity matching <paramref name="filters"/> in one Read request.</summary>
    public async Task<List<Entity>> ReadAsync(IEnumerable<Entity> filters, string what, CancellationToken cancellationToken)
    {
        var request = new ReadRequest { DeviceId = Settings.DeviceId };
        request.Entities.AddRange(filters);
        var result = new List<Entity>();
        if (request.Entities.Count == 0)
        {
            return result;
        }

        try
        {
            using AsyncServerStreamingCall<ReadResponse> call = _stub.Read(request, deadline: Deadline(), cancellationToken: cancellationToken);
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                result.AddRange(call.ResponseStream.Current.Entities);
            }
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            throw SwitchErrors.FromRpc(ex, $"Reading {what}", Settings);
        }

        return result;
    }

    /// <summary>Reads with one filter.</summary>
    public Task<List<Entity>> ReadAsync(Entity filter, string what, CancellationToken cancellationToken) =>
        ReadAsync([filter], what, cancellationToken);

    /// <summary>
    /// A session that is primary for the default role, opened on first use with --election-id. Fails with a
    /// usage error when no election id was given and with "refused" when another controller stays primary.
    /// </summary>
    public async Task<P4RuntimeClient> GetPrimaryAsync(string purpose, CancellationToken cancellationToken)
    {
        if (_primary is not null)
        {
            return _primary;
        }

        if (Settings.ElectionId is not { } electionId)
        {
            throw CliException.Usage(
                $"{purpose} needs primacy on the switch: pass --election-id N. A running controller with a lower id becomes a "
                + "backup while themisctl is connected (and must re-arbitrate afterwards on spec-following switches); "
                + "choose an id below the controller's to check who is primary without taking over.");
        }

        var options = new P4RuntimeClientOptions
        {
            Address = Settings.Address,
            DeviceId = Settings.DeviceId,
            ElectionId = electionId,
            AutoReconnect = false,
            UnaryDeadline = Settings.Timeout,
            ArbitrationTimeout = Settings.Timeout,
        };
        P4RuntimeClient client;
        try
        {
            client = await P4RuntimeClient.ConnectAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (P4RuntimeException ex)
        {
            throw SwitchErrors.FromClient(ex, "Arbitration", Settings);
        }

        MastershipState state = client.Mastership;
        Verbose($"arbitrated with election id {electionId}: {state}");
        if (state.Status != MastershipStatus.Primary)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw CliException.Refused(
                $"{purpose} needs primacy, but the switch made themisctl a backup with election id {electionId} ({state}). "
                + "Pass an --election-id above the primary's to take over (the controller is a backup meanwhile and gets no "
                + "packet-ins), or go through the controller.",
                StatusCode.PermissionDenied);
        }

        _primary = client;
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_primary is not null)
        {
            await _primary.DisposeAsync().ConfigureAwait(false);
            _primary = null;
        }

        _channel.Dispose();
    }

    private DateTime Deadline() => DateTime.UtcNow + Settings.Timeout;
}
