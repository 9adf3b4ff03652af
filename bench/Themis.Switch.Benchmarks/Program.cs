using System.Diagnostics;
using BenchmarkDotNet.Running;
using Themis.Switch.Benchmarks;

// --quick: a Stopwatch run (seconds, for a sanity check); --memory: resident memory with tables full;
// anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args.Contains("--quick"))
{
    var bench = new PipelineBenchmarks();
    bench.Setup();
    for (int round = 0; round < 5; round++)
    {
        var sw = Stopwatch.StartNew();
        int n = 0;
        while (sw.Elapsed < TimeSpan.FromSeconds(1))
        {
            bench.BasicIpv4();
            n += PipelineBenchmarks.Packets;
        }

        Console.WriteLine($"basic IPv4 pipeline: {n / sw.Elapsed.TotalSeconds / 1e6:F2} Mpps");
    }

    Console.WriteLine(bench.EswTrace());
    for (int round = 0; round < 3; round++)
    {
        var sw = Stopwatch.StartNew();
        int n = 0;
        while (sw.Elapsed < TimeSpan.FromSeconds(1))
        {
            bench.Esw();
            n += PipelineBenchmarks.Packets;
        }

        Console.WriteLine($"ESW pipeline: {n / sw.Elapsed.TotalSeconds / 1e6:F2} Mpps");
    }

    var e2e = new SwitchBenchmarks();
    e2e.Setup();
    for (int round = 0; round < 5; round++)
    {
        var sw = Stopwatch.StartNew();
        int n = 0;
        while (sw.Elapsed < TimeSpan.FromSeconds(1))
        {
            e2e.BasicIpv4EndToEnd();
            n += SwitchBenchmarks.Packets;
        }

        Console.WriteLine($"basic IPv4 switch, port to port: {n / sw.Elapsed.TotalSeconds / 1e6:F2} Mpps");
    }

    e2e.Cleanup();

    return 0;
}

if (args.Contains("--memory"))
{
    return MemoryCheck.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
return 0;
