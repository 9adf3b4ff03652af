namespace Themis.Switch.VethBench;

/// <summary>Interfaces and offered rates of a veth benchmark run.</summary>
internal sealed class VethOptions
{
    public string SwitchIn { get; set; } = "s1";

    public string SwitchOut { get; set; } = "s2";

    public string Generator { get; set; } = "g0";

    public string Sink { get; set; } = "k0";

    /// <summary>Offered rates in packets per second, one step each.</summary>
    public int[] Rates { get; set; } = [20_000, 50_000, 100_000, 150_000, 180_000, 200_000, 250_000, 300_000, 400_000];

    public double StepSeconds { get; set; } = 3;
}
