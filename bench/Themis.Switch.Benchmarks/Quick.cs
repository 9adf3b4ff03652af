using System.Diagnostics;

namespace Themis.Switch.Benchmarks;

/// <summary>
/// One-second Stopwatch rounds. Besides packets per wall-clock second, each round reports packets
/// per second of process CPU time: on a shared machine the pipeline thread is preempted, so the CPU
/// figure is the closer estimate of what one dedicated core does.
/// </summary>
internal static class Quick
{
    public static void Rounds(string name, int rounds, int packetsPerOperation, Func<int> operation, bool perPacketAllocation)
    {
        using Process self = Process.GetCurrentProcess();
        for (int round = 0; round < rounds; round++)
        {
            self.Refresh();
            TimeSpan cpuBefore = self.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            long n = 0;
            while (sw.Elapsed < TimeSpan.FromSeconds(1))
            {
                operation();
                n += packetsPerOperation;
            }

            sw.Stop();
            self.Refresh();
            double cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
            string allocation = perPacketAllocation ? $", {AllocatedPerPacket(operation, packetsPerOperation):F0} B allocated per packet" : string.Empty;
            Console.WriteLine($"{name}: {n / sw.Elapsed.TotalSeconds / 1e6:F2} Mpps wall clock, {n / cpu / 1e6:F2} Mpps per CPU second{allocation}");
        }
    }

    /// <summary>The 1-minute load average (Linux), or "n/a".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    // Bytes allocated on this thread by one more operation, per packet.
    private static double AllocatedPerPacket(Func<int> operation, int packets)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        operation();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)packets;
    }
}
