using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;

namespace Themis.Switch.Server;

/// <summary>
/// A running switch with its P4Runtime server (Kestrel, HTTP/2 cleartext). Tests host it in
/// process: <c>await using var host = await SwitchHost.StartAsync(new SwitchOptions { CpuPort = 255 }, new ServerOptions { Address = "127.0.0.1:0" });</c>
/// then add in-memory ports with <c>host.Switch.AddInMemoryPort(1)</c> and connect to <see cref="Address"/>.
/// </summary>
public sealed class SwitchHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SwitchHost(WebApplication app, SoftwareSwitch sw, SwitchRuntime runtime, Uri address)
    {
        _app = app;
        Switch = sw;
        Runtime = runtime;
        Address = address;
    }

    /// <summary>The data plane (add ports here).</summary>
    public SoftwareSwitch Switch { get; }

    /// <summary>The P4Runtime device behind the server (load a pipeline directly with <see cref="SwitchRuntime.Commit"/>).</summary>
    public SwitchRuntime Runtime { get; }

    /// <summary>The address the server listens on, with the actual port (e.g. http://127.0.0.1:45123).</summary>
    public Uri Address { get; }

    /// <summary>Starts a switch and its server. <paramref name="compiler"/> defaults to <see cref="P4PipelineCompiler"/> (which treats a P4Info-only config as control-plane only).</summary>
    public static async Task<SwitchHost> StartAsync(SwitchOptions switchOptions, ServerOptions serverOptions, IPipelineCompiler? compiler = null, ILoggerFactory? loggerFactory = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(switchOptions);
        ArgumentNullException.ThrowIfNull(serverOptions);
        loggerFactory ??= NullLoggerFactory.Instance;
        IPEndPoint endpoint = ParseEndpoint(serverOptions.Address);
        var sw = new SoftwareSwitch(switchOptions, time, loggerFactory.CreateLogger<SoftwareSwitch>());
        sw.Start();
        var runtime = new SwitchRuntime(sw, serverOptions, compiler ?? new P4PipelineCompiler(), loggerFactory);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(runtime);
        // A stopping switch drops its streams at once (as a killed simple_switch does) instead of
        // waiting the default 30 s for clients to hang up.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = serverOptions.MaxMessageBytes;
            o.MaxSendMessageSize = serverOptions.MaxMessageBytes;
            o.EnableDetailedErrors = true;
        });
        builder.WebHost.ConfigureKestrel(k => k.Listen(endpoint, l => l.Protocols = HttpProtocols.Http2));
        WebApplication app = builder.Build();
        app.MapGrpcService<P4RuntimeService>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"http://{endpoint}";
        return new SwitchHost(app, sw, runtime, new Uri(bound));
    }

    /// <summary>Parses <c>host:port</c> (IPv4, [IPv6] or <c>localhost</c>).</summary>
    public static IPEndPoint ParseEndpoint(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        string text = address.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" + address[9..] : address;
        if (!IPEndPoint.TryParse(text, out IPEndPoint? endpoint) || endpoint.Port == 0 && !text.EndsWith(":0", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{address}' is not an address with a port; write it like 127.0.0.1:9559 or [::1]:9559.", nameof(address));
        }

        return endpoint;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await Runtime.DisposeAsync().ConfigureAwait(false);
        await Switch.DisposeAsync().ConfigureAwait(false);
    }
}
