using Themis.Esw.Tests.Support;
using Themis.Tests.Shared;

namespace Themis.Esw.Tests.Testbed;

/// <summary>
/// The Mininet testbed (bmv2-testbed/topology.py), run as its README says, with themis-switch as both ESWs and one
/// themis-controller each: two datacenters over a WAN link, pings inside and across, and a TCP connection across
/// the WAN through the SYN cookie (reset first, verified by digest, passing on the retry), and h1a's signed daemon
/// report (themis-host) installing a qp_field entry that themisctl then shows, PNP on that flow (a CE-marked packet
/// from h1a answered by esw1 with a CNP to h1a's QP, and delivered to h2a with CE cleared), TRP on it (after h1a's CNP,
/// h2a's packets go round esw1's loop port and all reach h1a in PSN order), the entry's removal, and failover: a
/// second controller for esw1 takes over, is killed, and the first serves again. The script prints a
/// PASS/FAIL line per check and exits 0 only when all pass. Needs root and Debian's mininet, bridge-utils,
/// iputils-ping and ethtool; without them it is skipped, or fails when CI requires outside tools.
/// </summary>
[Category("Integration")]
[Category("Testbed")]
public sealed class TwoDatacenterTestbedTests
{
    private static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Themis.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Themis.sln) was not found above the test output.");
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task TopologyCheck_ThemisSwitches_EveryCheckPasses(CancellationToken token)
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("Mininet needs Linux and root.");
        }

        const string Python = "/usr/bin/python3";
        (int mininet, _, _) = await OutsideTools.RunAsync("/bin/sh", ["-c", $"{Python} -c 'import mininet.net' && command -v brctl && command -v ping && command -v ethtool"]);
        if (mininet != 0)
        {
            OutsideTools.Missing("Mininet and its helpers were not found; install them with `apt-get install -y mininet bridge-utils iputils-ping ethtool`.");
        }

        string? switchDll = NamespaceSwitch.SwitchDll();
        string? controllerDll = BuiltToolAttribute.Find("themis-controller");
        string? hostDll = BuiltToolAttribute.Find("themis-host");
        string? cliDll = BuiltToolAttribute.Find("themisctl");
        Assert.That(switchDll, Is.Not.Null, "themis-switch.dll was not built");
        Assert.That(controllerDll, Is.Not.Null, "themis-controller.dll was not built");
        Assert.That(hostDll, Is.Not.Null, "themis-host.dll was not built");
        Assert.That(cliDll, Is.Not.Null, "themisctl.dll was not built");

        string root = RepoRoot();
        string dotnet = ProgramRun.DotnetHost();
        // Linux bridges and no WAN delay: kernels without openvswitch or netem (this one, typically CI's) run it too.
        (int exit, string stdout, string stderr) = await ProgramRun.RunAsync(
            Python,
            [Path.Combine(root, "bmv2-testbed", "topology.py"), "--switch", "themis", "--tor", "linux", "--wan-delay", "none", "--check"],
            stopAt: null,
            token,
            root,
            new Dictionary<string, string>
            {
                ["THEMIS_SWITCH"] = $"{dotnet} {switchDll}",
                ["THEMIS_CONTROLLER"] = $"{dotnet} {controllerDll}",
                ["THEMIS_HOST"] = $"{dotnet} {hostDll}",
                ["THEMISCTL"] = $"{dotnet} {cliDll}",
            });
        string output = stdout + stderr;
        string[] checks = [.. output.Split('\n').Where(l => l.StartsWith("*** PASS", StringComparison.Ordinal) || l.StartsWith("*** FAIL", StringComparison.Ordinal))];
        TestContext.Out.WriteLine(string.Join('\n', checks));

        Assert.That(checks, Has.Length.GreaterThanOrEqualTo(17), output);
        Assert.That(checks, Has.None.StartsWith("*** FAIL"), output);
        Assert.That(exit, Is.Zero, output);
    }
}
