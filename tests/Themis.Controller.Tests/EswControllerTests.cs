using System.Net;

namespace Themis.Controller.Tests;

public sealed class EswControllerTests
{
    private static ControllerConfig Config(string listen) => ControllerConfigLoader.Parse(
        """
        {
          "switch": { "address": "http://127.0.0.1:1" },
          "ports": { "dc": [1], "wan": [2], "loop": 3 },
          "controlIp": "10.0.0.254",
          "daemon": { "acceptV0": true },
          "pipeline": { "push": "never" },
          "timers": { "reconnectInitialDelay": "20ms", "reconnectMaxDelay": "50ms" }
        }
        """,
        overrides: [$"http.listen={listen}"]);

    [Test]
    public void Constructor_InvalidConfig_ThrowsWithEveryProblem()
    {
        var config = new ControllerConfig { ControlIp = "nope" };

        var e = Assert.Throws<ControllerConfigException>(() => _ = new EswController(config))!;

        Assert.That(e.Errors, Has.Some.StartsWith("controlIp"));
        Assert.That(e.Errors, Has.Some.StartsWith("ports.dc"));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task RunAsync_SwitchUnreachable_KeepsRetryingAndServesStatusAndMetrics(CancellationToken testToken)
    {
        await using var controller = new EswController(Config("127.0.0.1:0"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(testToken);
        Task run = controller.RunAsync(stop.Token);

        await controller.WaitForAsync(s => s.LastError is not null, TimeSpan.FromSeconds(10), testToken);
        Assert.That(controller.HttpEndpoint, Is.Not.Null);

        using var http = new HttpClient { BaseAddress = controller.HttpEndpoint, Timeout = TimeSpan.FromSeconds(5) };
        string status = await http.GetStringAsync(new Uri("/status", UriKind.Relative), testToken);
        HttpResponseMessage health = await http.GetAsync(new Uri("/healthz", UriKind.Relative), testToken);
        string metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), testToken);

        Assert.That(status, Does.Contain("\"role\": \"disconnected\""));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(metrics, Does.Contain("themis_controller_primary 0"));

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), testToken);
    }
}
