using Microsoft.Extensions.Logging;
using Themis.Controller;
using Themis.Controller.Host;

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
    Console.WriteLine($"{commandLine.ConfigPath}: valid.");
    Console.WriteLine(config);
    return 0;
}

using ILoggerFactory loggers = LoggerFactory.Create(b => b
    .SetMinimumLevel(commandLine.LogLevel)
    .AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.TimestampFormat = "HH:mm:ss.fff ";
    }));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var controller = new EswController(config, loggers);
await controller.RunAsync(stop.Token);
return 0;
