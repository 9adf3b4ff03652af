using System.Diagnostics;
using BenchmarkDotNet.Running;
using Themis.Switch.Benchmarks;

// --quick: Stopwatch rounds (seconds, for a sanity check); --memory: resident memory with tables full;
// --profile esw|basic SECONDS: run one pipeline in a loop (to attach a profiler such as perf);
// anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args.Contains("--profile"))
{
    int at = Array.IndexOf(args, "--profile");
    var b = new PipelineBenchmarks();
    b.Setup();
    Func<int> run = at + 1 < args.Length && args[at + 1] == "basic" ? b.BasicIpv4 : b.Esw;
    double seconds = at + 2 < args.Length && double.TryParse(args[at + 2], System.Globalization.CultureInfo.InvariantCulture, out double s) ? s : 15;
    var sw = Stopwatch.StartNew();
    while (sw.Elapsed < TimeSpan.FromSeconds(seconds))
    {
        run();
    }

    return 0;
}

if (args.Contains("--quick"))
{
    Console.WriteLine($"load average {Quick.LoadAverage()}");
    var bench = new PipelineBenchmarks();
    bench.Setup();
    Quick.Rounds("basic IPv4 pipeline", 5, PipelineBenchmarks.Packets, bench.BasicIpv4, perPacketAllocation: true);
    Console.WriteLine(bench.EswTrace());
    Quick.Rounds("ESW pipeline", 5, PipelineBenchmarks.Packets, bench.Esw, perPacketAllocation: true);

    var e2e = new SwitchBenchmarks();
    e2e.Setup();
    Quick.Rounds("basic IPv4 switch, port to port", 5, SwitchBenchmarks.Packets, e2e.BasicIpv4EndToEnd, perPacketAllocation: false);
    e2e.Cleanup();
    Console.WriteLine($"load average {Quick.LoadAverage()}");
    return 0;
}

if (args.Contains("--memory"))
{
    return MemoryCheck.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
return 0;
