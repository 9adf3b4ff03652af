using System.Text.Json;
using Themis.Packets.Tests.Support;
using Themis.Tests.Shared;

namespace Themis.Packets.Tests.OutsideDecoders;

/// <summary>Has scapy.contrib.roce (an implementation this project did not write) decode our frames and recompute their checksums.</summary>
[Category("OutsideDecoders")]
public sealed class ScapyCrossCheckTests
{
    [Test]
    public async Task ScapyRoce_OurCnpsAndDataPackets_DecodeAndRecomputeToTheSameBytes()
    {
        var python = await OutsideTools.RequirePythonWithScapyAsync();
        var samples = SamplePackets.All();
        var pcap = SamplePackets.WritePcap(samples.Select(s => s.Frame));
        try
        {
            var result = await OutsideTools.RunAsync(python, [OutsideTools.DataFile("scapy_roce_check.py"), pcap]);
            Assert.That(result.ExitCode, Is.Zero, result.Stderr);

            var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Has.Length.EqualTo(samples.Count), result.Stdout + result.Stderr);
            for (var i = 0; i < samples.Count; i++)
            {
                var sample = samples[i];
                using var json = JsonDocument.Parse(lines[i]);
                var r = json.RootElement;
                int Get(string name) => r.GetProperty(name).GetInt32();
                long GetLong(string name) => r.GetProperty(name).GetInt64();
                var expectedIcrc = Icrc(sample.Frame);
                Assert.Multiple(() =>
                {
                    Assert.That(r.GetProperty("has_bth").GetBoolean(), Is.True, sample.Name);
                    Assert.That(Get("udp_dport"), Is.EqualTo(4791), sample.Name);
                    Assert.That(Get("opcode"), Is.EqualTo(sample.Frame[42]), sample.Name);
                    Assert.That(Get("dqpn"), Is.EqualTo((int)sample.DestQp), sample.Name);
                    Assert.That(Get("pkey"), Is.EqualTo(sample.PKey), sample.Name);
                    Assert.That(Get("psn"), Is.EqualTo((int)sample.Psn), sample.Name);
                    Assert.That(Get("ip_tos") >> 2, Is.EqualTo(sample.Dscp), sample.Name);
                    Assert.That(Get("ip_len"), Is.EqualTo(sample.Frame.Length - 14), sample.Name);
                    Assert.That(Get("udp_len"), Is.EqualTo(sample.Frame.Length - 34), sample.Name);
                    Assert.That(Get("ip_chksum"), Is.EqualTo(Get("ip_chksum_recomputed")), $"{sample.Name}: IPv4 checksum");
                    Assert.That(GetLong("icrc_wire"), Is.EqualTo(expectedIcrc), $"{sample.Name}: scapy read another ICRC than we wrote");
                    Assert.That(GetLong("icrc_recomputed"), Is.EqualTo(expectedIcrc), $"{sample.Name}: scapy computes another ICRC");
                    if (sample.IsCnp)
                    {
                        Assert.That(Get("becn"), Is.EqualTo(1), sample.Name);
                        Assert.That(Get("fecn"), Is.Zero, sample.Name);
                        Assert.That(Get("resv6"), Is.Zero, sample.Name);
                        Assert.That(Get("resv7"), Is.Zero, sample.Name);
                        Assert.That(Get("udp_chksum"), Is.Zero, sample.Name);
                        var padding = r.GetProperty("cnp_padding");
                        Assert.That(padding.ValueKind, Is.EqualTo(JsonValueKind.Array), $"{sample.Name}: scapy did not see CNP padding");
                        Assert.That(padding.EnumerateArray().Select(e => e.GetUInt64()), Is.EqualTo(new ulong[] { 0, 0 }), sample.Name);
                    }
                });
            }
        }
        finally
        {
            File.Delete(pcap);
        }
    }

    // scapy holds the ICRC as the big-endian reading of the four wire bytes.
    private static long Icrc(byte[] frame) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(frame.Length - 4));
}
