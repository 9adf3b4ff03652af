using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Themis.Esw.Tests.Support;
using Themis.Packets.IPv4;
using Themis.Packets.Pcap;
using Themis.Packets.RoCE;
using static Themis.Esw.Tests.Support.EswTopology;
using Themis.Tests.Shared;

namespace Themis.Esw.Tests.OutsideDecoders;

/// <summary>
/// CNPs the switch generated (PNP), checked by implementations this project did not write: scapy's RoCE layer decodes
/// them and recomputes the ICRC and IPv4 checksum; tshark dissects IPv4/UDP/BTH (it does not check the ICRC).
/// </summary>
[TestFixture(Target.Embedded)]
[TestFixture(Target.Remote, Category = "Bmv2")]
[Category("OutsideDecoders")]
public sealed class SwitchCnpOutsideDecoderTests(Target target) : EswTestBase(target)
{
    private static readonly (TestHost Sender, uint SenderQpn, uint RemoteQpn, ushort PKey, ushort Slot)[] Flows =
    [
        (HostA, 0x000A01, 0x00B001, 0xFFFF, 20),
        (HostB, 0xFFFFFE, 0x000001, 0x8001, 21),
        (HostA, 0x123456, 0x654321, 0x7FFF, 22),
    ];

    /// <summary>One CE data packet per flow; the CNPs the switch answers with, in order.</summary>
    private async Task<List<byte[]>> CollectCnpsAsync()
    {
        var cnps = new List<byte[]>();
        foreach (var flow in Flows)
        {
            await InsertQpFieldAsync(flow.Sender.Ip, RemoteHost.Ip, flow.RemoteQpn, flow.SenderQpn, flow.Slot);
            byte[] data = EswPackets.RoceData(flow.Sender, RemoteHost, flow.RemoteQpn, 1, Ecn.CongestionExperienced, payloadBytes: 512, pKey: flow.PKey);
            await SendPacketAsync(flow.Sender.Port, data);
            RoceV2Frame.TryParse(data, out RoceV2Frame parsed);
            cnps.Add(await ExpectPacketAsync(flow.Sender.Port, RoceV2Packets.BuildCnpFor(parsed, flow.SenderQpn, SwitchMac)));
            await ExpectPacketAsync(WanPort, EswPackets.Routed(EswPackets.WithEcn(data, Ecn.Ect0), WanRouterMac));
        }

        await ExpectNoOtherPacketsAsync();
        return cnps;
    }

    private static string WritePcap(IEnumerable<byte[]> frames)
    {
        string path = Path.Combine(Path.GetTempPath(), $"themis-esw-cnps-{Guid.NewGuid():N}.pcap");
        using var writer = new PcapWriter(File.Create(path));
        foreach (byte[] frame in frames)
        {
            writer.Write(frame, DateTimeOffset.UtcNow);
        }

        return path;
    }

    [Test]
    public async Task Scapy_SwitchCnps_DecodeAsCnpsWithTheIcrcScapyComputes()
    {
        string python = await OutsideTools.RequirePythonWithScapyAsync();
        List<byte[]> cnps = await CollectCnpsAsync();
        string pcap = WritePcap(cnps);
        try
        {
            var result = await OutsideTools.RunAsync(python, [OutsideTools.DataFile("scapy_roce_check.py"), pcap]);
            Assert.That(result.ExitCode, Is.Zero, result.Stderr);
            string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Has.Length.EqualTo(cnps.Count), result.Stdout + result.Stderr);
            for (int i = 0; i < cnps.Count; i++)
            {
                using JsonDocument json = JsonDocument.Parse(lines[i]);
                JsonElement r = json.RootElement;
                int Get(string name) => r.GetProperty(name).GetInt32();
                long icrcOnWire = BinaryPrimitives.ReadUInt32BigEndian(cnps[i].AsSpan(cnps[i].Length - 4));
                Assert.Multiple(() =>
                {
                    Assert.That(r.GetProperty("has_bth").GetBoolean(), Is.True);
                    Assert.That(Get("opcode"), Is.EqualTo(0x81));
                    Assert.That(Get("dqpn"), Is.EqualTo((int)Flows[i].SenderQpn), "DestQP = the sender's QPN");
                    Assert.That(Get("pkey"), Is.EqualTo(Flows[i].PKey));
                    Assert.That(Get("becn"), Is.EqualTo(1));
                    Assert.That(Get("fecn"), Is.Zero);
                    Assert.That(Get("ip_tos") >> 2, Is.EqualTo(48));
                    Assert.That(r.GetProperty("ip_dst").GetString(), Is.EqualTo(Flows[i].Sender.Ip.ToString()));
                    Assert.That(Get("ip_len"), Is.EqualTo(60));
                    Assert.That(Get("udp_len"), Is.EqualTo(40));
                    Assert.That(Get("udp_chksum"), Is.Zero);
                    Assert.That(Get("ip_chksum"), Is.EqualTo(Get("ip_chksum_recomputed")), "IPv4 checksum");
                    Assert.That(r.GetProperty("icrc_recomputed").GetInt64(), Is.EqualTo(icrcOnWire), "scapy computes the ICRC the switch wrote");
                    Assert.That(r.GetProperty("cnp_padding").EnumerateArray().Select(e => e.GetUInt64()), Is.EqualTo(new ulong[] { 0, 0 }));
                });
            }
        }
        finally
        {
            File.Delete(pcap);
        }
    }

    [Test]
    public async Task Tshark_SwitchCnps_DissectedFieldsAsExpected()
    {
        string tshark = await OutsideTools.RequireTsharkAsync();
        List<byte[]> cnps = await CollectCnpsAsync();
        string pcap = WritePcap(cnps);
        try
        {
            string[] fields = ["ip.dsfield.dscp", "ip.len", "ip.checksum.status", "udp.dstport", "udp.length", "infiniband.bth.opcode", "infiniband.bth.p_key", "infiniband.bth.destqp"];
            List<string> arguments = ["-r", pcap, "-o", "ip.check_checksum:TRUE", "-T", "fields"];
            foreach (string field in fields)
            {
                arguments.AddRange(["-e", field]);
            }

            var result = await OutsideTools.RunAsync(tshark, arguments);
            Assert.That(result.ExitCode, Is.Zero, result.Stderr);
            string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Has.Length.EqualTo(cnps.Count), result.Stdout + result.Stderr);
            for (int i = 0; i < cnps.Count; i++)
            {
                string[] c = lines[i].Split('\t');
                uint qp = uint.Parse(c[7].Replace("0x", string.Empty, StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                Assert.Multiple(() =>
                {
                    Assert.That(c[0], Is.EqualTo("48"), "DSCP");
                    Assert.That(c[1], Is.EqualTo("60"), "IPv4 length");
                    Assert.That(c[2], Is.EqualTo("1"), "tshark's IPv4 checksum status (1 = good)");
                    Assert.That(c[3], Is.EqualTo("4791"));
                    Assert.That(c[4], Is.EqualTo("40"), "UDP length");
                    Assert.That(c[5], Is.EqualTo("129"), "opcode 0x81");
                    Assert.That(c[6], Is.EqualTo(Flows[i].PKey.ToString(CultureInfo.InvariantCulture)), "P_Key");
                    Assert.That(qp, Is.EqualTo(Flows[i].SenderQpn), "DestQP");
                });
            }
        }
        finally
        {
            File.Delete(pcap);
        }
    }
}
