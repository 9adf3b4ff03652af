using System.Globalization;
using Themis.Packets.Tests.Support;
using Themis.Tests.Shared;

namespace Themis.Packets.Tests.OutsideDecoders;

/// <summary>Has tshark's IPv4/UDP/InfiniBand dissectors read our frames (tshark does not verify the ICRC).</summary>
[Category("OutsideDecoders")]
public sealed class TsharkCrossCheckTests
{
    private static readonly string[] Fields =
    [
        "ip.dsfield.dscp", "ip.len", "ip.checksum.status", "udp.dstport", "udp.length",
        "infiniband.bth.opcode", "infiniband.bth.p_key", "infiniband.bth.destqp", "infiniband.bth.psn",
    ];

    [Test]
    public async Task Tshark_OurCnpsAndDataPackets_FieldsAsWritten()
    {
        var tshark = await OutsideTools.RequireTsharkAsync();
        var samples = SamplePackets.All();
        var pcap = SamplePackets.WritePcap(samples.Select(s => s.Frame));
        try
        {
            List<string> arguments = ["-r", pcap, "-o", "ip.check_checksum:TRUE", "-T", "fields"];
            foreach (var field in Fields)
            {
                arguments.Add("-e");
                arguments.Add(field);
            }

            var result = await OutsideTools.RunAsync(tshark, arguments);
            Assert.That(result.ExitCode, Is.Zero, result.Stderr);
            var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Has.Length.EqualTo(samples.Count), result.Stdout + result.Stderr);

            for (var i = 0; i < samples.Count; i++)
            {
                var sample = samples[i];
                var columns = lines[i].Split('\t');
                Assert.That(columns, Has.Length.EqualTo(Fields.Length), lines[i]);
                var qp = uint.Parse(columns[7].Replace("0x", string.Empty, StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                Assert.Multiple(() =>
                {
                    Assert.That(columns[0], Is.EqualTo(sample.Dscp.ToString(CultureInfo.InvariantCulture)), $"{sample.Name}: DSCP");
                    Assert.That(columns[1], Is.EqualTo((sample.Frame.Length - 14).ToString(CultureInfo.InvariantCulture)), $"{sample.Name}: IPv4 length");
                    Assert.That(columns[2], Is.EqualTo("1"), $"{sample.Name}: tshark finds the IPv4 checksum bad (1 = good)");
                    Assert.That(columns[3], Is.EqualTo("4791"), sample.Name);
                    Assert.That(columns[4], Is.EqualTo((sample.Frame.Length - 34).ToString(CultureInfo.InvariantCulture)), $"{sample.Name}: UDP length");
                    Assert.That(columns[5], Is.EqualTo(sample.Frame[42].ToString(CultureInfo.InvariantCulture)), $"{sample.Name}: opcode");
                    Assert.That(columns[6], Is.EqualTo(sample.PKey.ToString(CultureInfo.InvariantCulture)), $"{sample.Name}: P_Key");
                    Assert.That(qp, Is.EqualTo(sample.DestQp), $"{sample.Name}: DestQP");
                    Assert.That(columns[8], Is.EqualTo(sample.Psn.ToString(CultureInfo.InvariantCulture)), $"{sample.Name}: PSN");
                });
            }
        }
        finally
        {
            File.Delete(pcap);
        }
    }
}
