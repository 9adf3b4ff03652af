namespace Themis.Cli.Tests.Support;

/// <summary>Runs themisctl's real entry point with captured stdout/stderr.</summary>
internal static class Themisctl
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<CliResult> RunWithAsync(CliEnvironment? environment, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        using var cts = new CancellationTokenSource(Timeout);
        int exit = await ThemisCtl.RunAsync(args, output, error, environment ?? new CliEnvironment(), cts.Token);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunWithAsync(null, args);

    /// <summary>Runs against <paramref name="sw"/> (adds --address).</summary>
    public static Task<CliResult> RunAsync(EswSwitch sw, params string[] args) => RunWithAsync(null, [.. args, "--address", sw.Address]);
}
