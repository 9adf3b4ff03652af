using System.Globalization;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// How long to wait. <see cref="Packet"/>: for a packet that must come (a real switch may take milliseconds);
/// <see cref="Quiet"/>: how long a port must stay silent before "no packet" holds. Override with
/// THEMIS_PACKET_TIMEOUT_MS and THEMIS_QUIET_MS (docs/packet-tests.md).
/// </summary>
public sealed record TestTimeouts(TimeSpan Packet, TimeSpan Quiet)
{
    public static TestTimeouts For(Target target)
    {
        TestTimeouts defaults = target == Target.Embedded
            ? new(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100))
            : new(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(300));
        return new(
            Milliseconds("THEMIS_PACKET_TIMEOUT_MS") ?? defaults.Packet,
            Milliseconds("THEMIS_QUIET_MS") ?? defaults.Quiet);
    }

    private static TimeSpan? Milliseconds(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out int ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : null;
}
