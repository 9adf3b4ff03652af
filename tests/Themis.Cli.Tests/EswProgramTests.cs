using System.Net;
using Google.Protobuf;
using P4.Config.V1;
using Themis.Cli.Esw;
using Themis.Cli.Tests.Support;
using Themis.P4;
using Themis.P4.P4Info;
using Themis.P4Runtime;
using Themis.P4Runtime.Entities;
using Themis.P4Runtime.Info;
using Themis.Switch.Engine;
using Themis.Switch.Server;

namespace Themis.Cli.Tests;

/// <summary>
/// themisctl against the ESW program's own P4Info, compiled from p4/ by the project's front end: every name the CLI
/// depends on exists, and the Themis views work on the real tables and registers when a switch holds that P4Info
/// without running the program (RunningEsw*Tests run it).
/// </summary>
[Category("Integration")]
public sealed class EswProgramTests
{
    private static P4Info? s_p4Info;

    private static P4Info EswP4Info()
    {
        if (s_p4Info is null)
        {
            string main = Path.Combine(TestContext.CurrentContext.TestDirectory, "p4", "v1model", "themis_esw.p4");
            CompilationResult result = P4Compiler.Compile(main);
            Assert.That(result.Success, Is.True, string.Join("\n", result.Errors));
            s_p4Info = P4InfoGenerator.Generate(result.Program!);
        }

        return s_p4Info;
    }

    [Test]
    public void EswNames_TablesActionsAndHeaders_ExistInTheEswProgram()
    {
        P4InfoIndex index = P4InfoIndex.FromP4Info(EswP4Info());
        Table qp = index.Table(EswNames.QpField);
        Assert.That(new[] { EswNames.QpFieldLocalIp, EswNames.QpFieldRemoteIp, EswNames.QpFieldRemoteQpn }.Select(f => P4InfoIndex.MatchField(qp, f).Bitwidth),
            Is.EqualTo(new[] { 32, 32, 24 }));
        Assert.That(index.DirectCounterOf(qp), Is.Not.Null);
        global::P4.Config.V1.Action setQp = index.Action(EswNames.SetQpField);
        Assert.That(P4InfoIndex.Param(setQp, EswNames.SetQpFieldLocalQpn).Bitwidth, Is.EqualTo(24));
        Assert.That(P4InfoIndex.Param(setQp, EswNames.SetQpFieldSlot).Bitwidth, Is.EqualTo(16));
        Table store = index.Table(EswNames.CnpStore);
        Assert.That(P4InfoIndex.MatchField(store, EswNames.CnpStoreLocalIp).Bitwidth, Is.EqualTo(32));
        Assert.That(P4InfoIndex.MatchField(store, EswNames.CnpStoreLocalQpn).Bitwidth, Is.EqualTo(24));
        Assert.That(P4InfoIndex.Param(index.Action(EswNames.SetCnpStoreSlot), EswNames.SetCnpStoreSlotSlot).Bitwidth, Is.EqualTo(16));
        Assert.That(index.Table(EswNames.ParamsTable).MatchFields, Is.Empty);
        Assert.That(index.Action(EswNames.SetParams).Params.Select(p => p.Name), Does.Contain("alpha0").And.Contain("beta").And.Contain("cnp_interval"));
        Assert.That(P4InfoIndex.PacketMetadataField(index.ControllerPacketMetadata(EswNames.PacketIn), EswNames.PacketInReason).Bitwidth, Is.EqualTo(8));
        Assert.That(P4InfoIndex.PacketMetadataField(index.ControllerPacketMetadata(EswNames.PacketOut), EswNames.PacketOutEgressPort).Bitwidth, Is.EqualTo(9));
    }

    [Test]
    public void EswNames_RegistersAndCounters_ExistInTheEswProgram()
    {
        P4InfoIndex index = P4InfoIndex.FromP4Info(EswP4Info());
        foreach (string register in EswNames.SlotRegisters.Append(EswNames.CnpCache).Append(EswNames.VerifiedPairs))
        {
            Assert.That(index.Register(register).TypeSpec.Bitstring.Bit.Bitwidth, Is.GreaterThan(0), register);
        }

        Assert.That(index.Register(EswNames.VerifiedPairs).TypeSpec.Bitstring.Bit.Bitwidth, Is.EqualTo(64));
        Assert.That(index.Counter(EswNames.EventsCounter).Size, Is.GreaterThanOrEqualTo(EswNames.Events.Count));
    }

    [Test]
    public void EventNames_MatchTheProgramsEvConstants()
    {
        // define.p4 lists EV_<NAME> = <index>; the CLI's names are those, lower case.
        string define = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "p4", "include", "define.p4"));
        var constants = System.Text.RegularExpressions.Regex.Matches(define, @"const bit<32> EV_(\w+)\s*=\s*(\d+);")
            .ToDictionary(m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups[1].Value.ToLowerInvariant());
        Assert.That(constants, Has.Count.EqualTo(EswNames.Events.Count));
        for (int i = 0; i < EswNames.Events.Count; i++)
        {
            Assert.That(EswNames.Events[i], Is.EqualTo(constants[i]), $"index {i}");
        }
    }

    [Test]
    public async Task Flows_EswProgramP4Info_JoinsItsTablesAndRegisters()
    {
        await using SwitchHost host = await SwitchHost.StartAsync(new SwitchOptions { CpuPort = 255 }, new ServerOptions { Address = "127.0.0.1:0" });
        P4InfoIndex index = P4InfoIndex.FromP4Info(EswP4Info());
        await using (P4RuntimeClient client = await P4RuntimeClient.ConnectAsync(new P4RuntimeClientOptions { Address = host.Address }))
        {
            await client.SetForwardingPipelineConfigAsync(index.P4Info, ByteString.Empty);
            await client.InsertAsync(
            [
                index.TableEntry(EswNames.QpField).Exact("ipv4_src", IPAddress.Parse("10.0.0.3")).Exact("ipv4_dst", IPAddress.Parse("10.1.0.4"))
                    .Exact("dest_qp", 0x42).Action(EswNames.SetQpField, ("local_qpn", 0x24), ("slot", 5)).Build().ToEntity(),
                index.TableEntry(EswNames.CnpStore).Exact("ipv4_dst", IPAddress.Parse("10.0.0.3")).Exact("dest_qp", 0x24)
                    .Action(EswNames.SetCnpStoreSlot, ("slot", 5)).Build().ToEntity(),
            ]);
            await client.ModifyAsync([index.RegisterValue(EswNames.FlowState, 5, 2), index.RegisterValue(EswNames.LoopNum, 5, 3)]);
        }

        CliResult result = await Themisctl.RunWithAsync(null, "flows", "--address", host.Address.ToString());
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Ok), result.ToString());
        string row = result.Output.Split('\n').Single(l => l.Contains("10.0.0.3", StringComparison.Ordinal));
        Assert.That(row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..10],
            Is.EqualTo(new[] { "10.0.0.3", "0x000024", "10.1.0.4", "0x000042", "5", "yes", "never", "never", "RECOVER", "3" }));
    }
}
