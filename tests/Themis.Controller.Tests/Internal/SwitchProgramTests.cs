using Google.Protobuf;
using P4.V1;
using Themis.Controller.Internal;
using Themis.Controller.Tests.Support;
using Themis.P4Runtime.Encoding;
using Themis.P4Runtime.Info;
using Themis.Packets.SwitchInternal;

namespace Themis.Controller.Tests.Internal;

public sealed class SwitchProgramTests
{
    private static readonly Lazy<(SwitchProgram Program, P4InfoIndex Index)> s_program = new(() =>
    {
        ControllerConfig config = ControllerConfigLoader.Load(EswBench.ShippedConfigPath, [$"pipeline.deviceConfig={EswBench.P4Path}"]);
        var index = P4InfoIndex.FromP4Info(PipelineSource.Load(config.Pipeline).P4Info);
        return (new SwitchProgram(index, config), index);
    });

    private static SwitchProgram Program => s_program.Value.Program;

    [TestCase(0x0A000101u, 0x0A020101u, 0x22u, 0x11u, 0)]
    [TestCase(0xFFFFFFFFu, 0u, 0xFF_FFFFu, 0xFF_FFFFu, 32767)]
    public void QpFieldEntry_FastPath_EqualsCheckedBuilder(uint local, uint remote, uint remoteQpn, uint localQpn, int slot)
    {
        var key = new QpKey(local, remote, remoteQpn);

        Assert.That(Program.QpFieldEntry(key, localQpn, slot), Is.EqualTo(Program.QpFieldEntryChecked(key, localQpn, slot)));
        Assert.That(Program.QpFieldMatch(key).TableEntry.Match, Is.EqualTo(Program.QpFieldEntryChecked(key, localQpn, slot).TableEntry.Match));
    }

    [TestCase(0x0A000101u, 0x11u, 5)]
    [TestCase(1u, 0u, 0)]
    public void CnpStoreEntry_FastPath_EqualsCheckedBuilder(uint ip, uint qpn, int slot)
    {
        var qp = new LocalQp(ip, qpn);

        Assert.That(Program.CnpStoreEntry(qp, slot), Is.EqualTo(Program.CnpStoreEntryChecked(qp, slot)));
        Assert.That(Program.CnpStoreMatch(qp).TableEntry.Match, Is.EqualTo(Program.CnpStoreEntryChecked(qp, slot).TableEntry.Match));
    }

    [Test]
    public void TryReadPacketIn_AllFields_Read()
    {
        PacketIn packet = PacketIn(("ingress_port", 2), ("reason", (ulong)PuntReason.CnpCopy), ("slot", 9), ("local_qpn", 0x1234), ("cache_index", 77), ("cache_entry", 0x8000_0001));

        Assert.That(Program.TryReadPacketIn(packet, out PacketInInfo info), Is.True);
        Assert.That(info, Is.EqualTo(new PacketInInfo(2, PuntReason.CnpCopy, 9, 0x1234, 77, 0x8000_0001)));
    }

    [Test]
    public void TryReadPacketIn_PaddedValue_Read()
    {
        PacketIn packet = PacketIn(("ingress_port", 1), ("reason", (ulong)PuntReason.DaemonPacket));
        packet.Metadata[0].Value = ByteString.CopyFrom(0, 0, 0, 1);

        Assert.That(Program.TryReadPacketIn(packet, out PacketInInfo info), Is.True);
        Assert.That(info.IngressPort, Is.EqualTo(1u));
    }

    [Test]
    public void TryReadPacketIn_UnknownIdOrTooWideOrMissingReason_False()
    {
        PacketIn unknown = PacketIn(("ingress_port", 1), ("reason", 1));
        unknown.Metadata.Add(new PacketMetadata { MetadataId = 999, Value = ByteString.CopyFrom(1) });
        PacketIn wide = PacketIn(("ingress_port", 1), ("reason", 1));
        wide.Metadata[0].Value = ByteString.CopyFrom(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);
        PacketIn noReason = PacketIn(("ingress_port", 1));

        Assert.That(Program.TryReadPacketIn(unknown, out _), Is.False);
        Assert.That(Program.TryReadPacketIn(wide, out _), Is.False);
        Assert.That(Program.TryReadPacketIn(noReason, out _), Is.False);
    }

    private static PacketIn PacketIn(params (string Name, ulong Value)[] fields)
    {
        global::P4.Config.V1.ControllerPacketMetadata header = s_program.Value.Index.ControllerPacketMetadata("packet_in");
        var packet = new PacketIn { Payload = ByteString.CopyFrom(1, 2, 3) };
        foreach ((string name, ulong value) in fields)
        {
            global::P4.Config.V1.ControllerPacketMetadata.Types.Metadata field = P4InfoIndex.PacketMetadataField(header, name);
            packet.Metadata.Add(new PacketMetadata { MetadataId = field.Id, Value = P4Bytes.Encode(value, field.Bitwidth) });
        }

        return packet;
    }
}
