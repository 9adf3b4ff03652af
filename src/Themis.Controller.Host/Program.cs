using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Themis.Controller;
using Themis.Controller.Host;
using Themis.Controller.Host.Demo;

if (args is ["-h" or "--help" or "help", ..])
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

if (!CommandLine.TryParse(args, out CommandLine? commandLine, out string error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine();
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

ControllerConfig config;
try
{
    config = ControllerConfigLoader.Load(commandLine!.ConfigPath, commandLine.Overrides);
}
catch (ControllerConfigException e)
{
    Console.Error.WriteLine($"{commandLine!.ConfigPath}: {e.Message}");
    return 1;
}

if (commandLine.Command == "check")
{
    Console.WriteLine($"{commandLine.ConfigPath}: valid. Effective configuration (defaults filled in, paths resolved):");
    var json = System.Text.Json.JsonSerializer.SerializeToNode(config, new System.Text.Json.JsonSerializerOptions
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    })!;
    // Daemon keys are secrets: show which hosts have one, not the key.
    if (json["Daemon"]?["Keys"] is System.Text.Json.Nodes.JsonObject keys)
    {
        foreach (string host in keys.Select(k => k.Key).ToList())
        {
            keys[host] = "(set)";
        }
    }

    Console.WriteLine(json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    return 0;
}

using ILoggerFactory loggers = LoggerFactory.Create(b => b
    .SetMinimumLevel(commandLine.LogLevel)
    .AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.TimestampFormat = "HH:mm:ss.fff ";
    }));
// Ctrl+C, and SIGTERM from a service manager or a launcher script, stop the controller cleanly.
using var stop = new CancellationTokenSource();
using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

if (commandLine.Command == "demo")
{
    try
    {
        string root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(commandLine.ConfigPath))) ?? ".";
        return await new DemoScenario(commandLine.ConfigPath, commandLine.Overrides, root, Console.Out, loggers).RunAsync(stop.Token);
    }
    catch (Exception e) when (e is ControllerConfigException or PipelineRejectedException or TimeoutException or InvalidOperationException
        or Themis.P4Runtime.P4RuntimeException or IOException)
    {
        Console.Error.WriteLine($"themis-controller demo: {e.Message}");
        return 1;
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        Console.Error.WriteLine("themis-controller demo: interrupted.");
        return 130;
    }
}

await using var controller = new EswController(config, loggers);
try
{
    await controller.RunAsync(stop.Token);
}
catch (Exception e) when (e is IOException or PipelineRejectedException)
{
    // The status endpoint could not listen (address in use), or the switch refused the pipeline.
    Console.Error.WriteLine($"themis-controller: {e.Message}");
    return 1;
}

return 0;
