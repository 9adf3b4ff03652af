using Themis.HostTools;
using Themis.Packets.Daemon;
using Themis.Packets.IPv4;

namespace Themis.HostTools.Tests;

public sealed class ReportOptionsTests
{
    private const string Key = "74657374626564206b657920666f7220686f73742061";

    [Test]
    public void Parse_Create_AllFields()
    {
        (ReportOptions? options, List<string> errors) = ReportOptions.Parse(
            ["create", "--control-ip", "10.1.0.254", "--local-qpn", "0x11", "--remote-ip", "10.2.0.1", "--remote-qpn", "34", "--key-hex", Key, "--port", "4000", "--dscp", "26"]);

        Assert.That(errors, Is.Empty);
        Assert.That(options!.Event, Is.EqualTo(DaemonEvent.QpReady));
        Assert.That(options.ControlIp, Is.EqualTo(IPv4Address.Parse("10.1.0.254")));
        Assert.That((options.LocalQpn, options.RemoteIp, options.RemoteQpn), Is.EqualTo((0x11u, IPv4Address.Parse("10.2.0.1"), 34u)));
        Assert.That((options.Port, options.Dscp, options.Format), Is.EqualTo(((ushort)4000, (byte)26, DaemonFormat.V1)));
        Assert.That(options.Key, Is.EqualTo(Convert.FromHexString(Key)));
    }

    [Test]
    public void Parse_KeyFile_ReadLikeTheControllerConfig()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, Key + "\n");
            (ReportOptions? options, List<string> errors) = ReportOptions.Parse(["destroy", "--control-ip", "10.1.0.254", "--local-qpn", "17", "--key-file", file]);

            Assert.That(errors, Is.Empty);
            Assert.That(options!.Event, Is.EqualTo(DaemonEvent.QpDestroyed));
            Assert.That(options.Key, Is.EqualTo(Convert.FromHexString(Key)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Parse_EveryProblemListed()
    {
        (ReportOptions? options, List<string> errors) = ReportOptions.Parse(
            ["create", "--control-ip", "10.1.0.300", "--local-qpn", "0x1000000", "--format", "v2", "--dscp", "64", "--bogus", "--key-hex", "abcd"]);

        Assert.That(options, Is.Null);
        Assert.That(errors, Has.Some.Contains("--control-ip '10.1.0.300' is not an IPv4 address"));
        Assert.That(errors, Has.Some.Contains("--local-qpn '0x1000000' must be a QP number from 0 to 0xFFFFFF"));
        Assert.That(errors, Has.Some.Contains("--format 'v2' must be v1 or v0"));
        Assert.That(errors, Has.Some.Contains("--dscp '64' must be from 0 to 63"));
        Assert.That(errors, Has.Some.Contains("the key is 2 bytes"));
        Assert.That(errors, Has.One.Contains("Unknown option"), "the unknown option is named once, its value is not taken for another");
        Assert.That(errors, Has.Some.Contains("Unknown option '--bogus'"));
        Assert.That(errors, Has.Some.Contains("create needs --remote-ip and --remote-qpn"));
    }

    [Test]
    public void Parse_V0WithKey_Refused()
    {
        (ReportOptions? options, List<string> errors) = ReportOptions.Parse(
            ["destroy", "--control-ip", "10.1.0.254", "--local-qpn", "1", "--format", "v0", "--key-hex", Key]);

        Assert.That(options, Is.Null);
        Assert.That(errors, Has.One.Contains("v0 has no authentication"));
    }

    [TestCase(new string[0], "Say what happened")]
    [TestCase(new[] { "created" }, "'created' is not an event")]
    public void Parse_NoEvent_Explained(string[] args, string message)
    {
        (ReportOptions? options, List<string> errors) = ReportOptions.Parse(args);

        Assert.That(options, Is.Null);
        Assert.That(errors, Has.Some.Contains(message));
    }
}
