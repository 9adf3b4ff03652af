using Microsoft.Extensions.Logging;
using Themis.Switch.Ports;

namespace Themis.Switch.Host;

/// <summary>
/// Frames an interface port lost before the switch read them (its kernel capture ring was full) are counted by
/// the kernel, not by the switch: this reports them once a second, as the switch reports its own drops.
/// </summary>
internal static partial class PortDropMonitor
{
    public static async Task RunAsync(IReadOnlyCollection<ISwitchPort> ports, ILogger logger, CancellationToken cancellationToken)
    {
        var reported = ports.ToDictionary(p => p.Number, _ => 0L);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (ISwitchPort port in ports)
                {
                    long drops = port.ReceiveDrops;
                    if (drops > reported[port.Number])
                    {
                        LogReceiveDrops(logger, port.Number, drops - reported[port.Number], drops);
                        reported[port.Number] = drops;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Port {Port}: {Dropped} received frames lost before the switch read them ({Total} in total); the kernel's capture ring was full")]
    private static partial void LogReceiveDrops(ILogger logger, uint port, long dropped, long total);
}
