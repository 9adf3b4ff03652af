namespace Themis.Controller.Tests;

public sealed class ControllerConfigLoaderTests
{
    private static readonly string[] s_noPipeline = ["pipeline.push=never", "pipeline.p4info=null", "pipeline.deviceConfig=null"];

    private const string Minimal = """
        {
          // comments and trailing commas are allowed
          "ports": { "dc": [1], "wan": [2], "loop": 3, },
          "controlIp": "10.0.0.254",
          "daemon": { "keys": { "10.0.1.1": "00112233445566778899aabbccddeeff" } },
          "pipeline": { "push": "never" },
        }
        """;

    [Test]
    public void Load_ShippedConfig_IsValid()
    {
        string path = Path.Combine(TestContext.CurrentContext.TestDirectory, "data", "shipped", "esw.json");

        ControllerConfig config = ControllerConfigLoader.Load(path, s_noPipeline);

        Assert.That(config.Ports.Dc, Is.EqualTo(new uint[] { 1, 2 }));
        Assert.That(config.Themis.Beta, Is.EqualTo(TimeSpan.FromMicroseconds(500)));
        Assert.That(config.Daemon.Keys, Has.Count.EqualTo(2));
        Assert.That(config.Routes, Has.Count.EqualTo(3));
    }

    [Test]
    public void Parse_Minimal_FillsDocumentedDefaults()
    {
        ControllerConfig config = ControllerConfigLoader.Parse(Minimal);

        Assert.That(config.Switch.Address, Is.EqualTo(new Uri("http://127.0.0.1:9559")));
        Assert.That(config.Switch.ElectionId, Is.EqualTo(UInt128.One));
        Assert.That(config.Themis.CnpInterval, Is.EqualTo(TimeSpan.FromMicroseconds(50)));
        Assert.That(config.Themis.Alpha0, Is.EqualTo(5));
        Assert.That(config.Themis.FlowSlots, Is.EqualTo(1024));
        Assert.That(config.Themis.CnpDscp, Is.EqualTo(48));
        Assert.That(config.Daemon.Port, Is.EqualTo(12345));
        Assert.That(config.Daemon.AcceptV0, Is.False);
        Assert.That(config.Daemon.GracePeriod, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(config.Http.Listen, Is.EqualTo("127.0.0.1:9464"));
    }

    [Test]
    public void Parse_ManyBadKeys_ReportsEveryOneByName()
    {
        const string json = """
            {
              "switch": { "address": "tcp://x", "electionId": 0 },
              "ports": { "dc": [1, 1], "wan": [], "cpu": 0, "loop": 2 },
              "controlIp": "10.0.0",
              "routes": [ { "prefix": "10.2.0.1/16", "port": 9, "nextHopMac": "zz" } ],
              "themis": { "alpha0": "five", "beta": "500", "cnpDscp": 64, "recovery": "fast", "alhpa0": 3 },
              "daemon": { "keys": { "10.0.1.1": "abcd" } },
              "pipeline": { "push": "never" },
              "extra": true
            }
            """;

        var e = Assert.Throws<ControllerConfigException>(() => ControllerConfigLoader.Parse(json))!;

        string[] expectedKeys =
        [
            "switch.address", "switch.electionId", "ports.dc[1]", "ports.wan", "ports.cpu", "controlIp",
            "routes[0].prefix", "routes[0].port", "routes[0].nextHopMac", "themis.alpha0:", "themis.beta",
            "themis.cnpDscp", "themis.recovery", "themis.alhpa0", "daemon.keys.10.0.1.1", "extra",
        ];
        foreach (string key in expectedKeys)
        {
            Assert.That(e.Errors, Has.Some.StartsWith(key), $"no error names {key}; got:{Environment.NewLine}{e.Message}");
        }

        Assert.That(e.Errors.Single(x => x.StartsWith("themis.alhpa0", StringComparison.Ordinal)), Does.Contain("Did you mean \"alpha0\""));
        Assert.That(e.Message, Does.Contain($"{e.Errors.Count} problems"));
    }

    [Test]
    public void Parse_Overrides_ReplaceFileValues()
    {
        ControllerConfig config = ControllerConfigLoader.Parse(
            Minimal,
            overrides: ["themis.alpha0=7", "switch.address=http://10.9.9.9:9559", "switch.electionId=340282366920938463463374607431768211455", "ports.dc=[5,6]", "http.enabled=false"]);

        Assert.That(config.Themis.Alpha0, Is.EqualTo(7));
        Assert.That(config.Switch.Address, Is.EqualTo(new Uri("http://10.9.9.9:9559")));
        Assert.That(config.Switch.ElectionId, Is.EqualTo(UInt128.MaxValue));
        Assert.That(config.Ports.Dc, Is.EqualTo(new uint[] { 5, 6 }));
        Assert.That(config.Http.Enabled, Is.False);
    }

    [Test]
    public void Parse_BadOverride_Reported()
    {
        var e = Assert.Throws<ControllerConfigException>(() => ControllerConfigLoader.Parse(Minimal, overrides: ["themis.alpha0"]))!;

        Assert.That(e.Errors, Has.Some.Contains("KEY=VALUE"));
    }

    [Test]
    public void Parse_NoKeysAndNoV0_ExplainsThatNoDaemonCouldRegister()
    {
        var e = Assert.Throws<ControllerConfigException>(() => ControllerConfigLoader.Parse(Minimal, overrides: ["daemon.keys={}"]))!;

        Assert.That(e.Errors, Has.Some.StartsWith("daemon.keys:").And.Contains("acceptV0"));
    }

    [Test]
    public void Parse_PushWithoutFiles_NamesPipelineKeys()
    {
        var e = Assert.Throws<ControllerConfigException>(() => ControllerConfigLoader.Parse(Minimal, overrides: ["pipeline.push=always"]))!;

        Assert.That(e.Errors, Has.Some.StartsWith("pipeline.p4info"));
        Assert.That(e.Errors, Has.Some.StartsWith("pipeline.deviceConfig"));
    }

    [Test]
    public void Parse_NotJson_SaysWhere()
    {
        var e = Assert.Throws<ControllerConfigException>(() => ControllerConfigLoader.Parse("{ \"ports\": [ }"))!;

        Assert.That(e.Message, Does.Contain("not valid JSON").And.Contains("line 1"));
    }

    [Test]
    public void Load_MissingFile_SaysWhatToDo()
    {
        var e = Assert.Throws<ControllerConfigException>(() => ControllerConfigLoader.Load("/nonexistent/esw.json"))!;

        Assert.That(e.Message, Does.Contain("--config"));
    }

    [Test]
    public void Load_RelativePipelinePaths_ResolvedAgainstConfigFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "themis-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "esw.p4info.txtpb"), "");
            File.WriteAllText(Path.Combine(dir, "esw.p4"), "");
            string path = Path.Combine(dir, "c.json");
            File.WriteAllText(path, Minimal);

            ControllerConfig config = ControllerConfigLoader.Load(
                path, ["pipeline.push=ifDifferent", "pipeline.p4info=esw.p4info.txtpb", "pipeline.deviceConfig=esw.p4"]);

            Assert.That(config.Pipeline.P4InfoPath, Is.EqualTo(Path.Combine(dir, "esw.p4info.txtpb")));
            Assert.That(config.Pipeline.DeviceConfigPath, Is.EqualTo(Path.Combine(dir, "esw.p4")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
