using Themis.Cli;

return await ThemisCtl.RunAsync(args, Console.Out, Console.Error, CliEnvironment.FromConsole()).ConfigureAwait(false);
