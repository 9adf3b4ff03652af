using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Themis.Controller.Internal;

/// <summary>
/// The local HTTP endpoint (Kestrel, HTTP/1.1): <c>/metrics</c> in Prometheus text format, <c>/status</c> as
/// JSON, <c>/healthz</c> answering 200 while primary or standby and 503 otherwise.
/// </summary>
internal sealed class StatusEndpoint : IAsyncDisposable
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly WebApplication _app;

    private StatusEndpoint(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<StatusEndpoint> StartAsync(string listen, EswController controller, CancellationToken cancellationToken)
    {
        if (!ControllerConfigLoader.TryParseListen(listen, out IPAddress address, out int port))
        {
            throw new ControllerConfigException([$"http.listen: must be ADDRESS:PORT such as \"127.0.0.1:9464\", not \"{listen}\"."]);
        }

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(address, port));
        WebApplication app = builder.Build();
        app.UseRouting();
        app.MapGet("/metrics", () => Results.Text(controller.RenderMetrics(), "text/plain; version=0.0.4; charset=utf-8"));
        app.MapGet("/status", async (CancellationToken requestAborted) =>
        {
            // The status snapshot plus the verified pairs ({"local","remote","expiresAt"}), which themisctl pairs reads.
            ControllerStatus status = controller.Status;
            IReadOnlyList<VerifiedPair> pairs;
            try
            {
                pairs = await controller.GetVerifiedPairsAsync(TimeSpan.FromSeconds(5), requestAborted).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                return Results.Text(e.Message + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            JsonObject body = JsonSerializer.SerializeToNode(status, s_json)!.AsObject();
            body["pairs"] = JsonSerializer.SerializeToNode(pairs, s_json);
            return Results.Text(body.ToJsonString(s_json), "application/json");
        });
        app.MapGet("/healthz", () => controller.Status.Role is ControllerRole.Primary or ControllerRole.Standby
            ? Results.Text("ok\n")
            : Results.Text($"{controller.Status.Role}\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"http://{address}:{port}";
        return new StatusEndpoint(app, new Uri(bound));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
