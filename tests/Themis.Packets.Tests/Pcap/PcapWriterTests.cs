using Themis.Packets.Pcap;
using Themis.Packets.Tests.Support;

namespace Themis.Packets.Tests.Pcap;

public sealed class PcapWriterTests
{
    [Test]
    public void Write_OneFrame_GlobalHeaderThenRecord()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            writer.Write(new byte[] { 0xAA, 0xBB }, DateTimeOffset.UnixEpoch.AddSeconds(2).AddTicks(30));
        }

        Assert.That(Hex.Dump(stream.ToArray()), Is.EqualTo(
            "d4c3b2a1" + "0200" + "0400" + "00000000" + "00000000" + "00000400" + "01000000"
            + "02000000" + "03000000" + "02000000" + "02000000" + "aabb"));
    }
}
