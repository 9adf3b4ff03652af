using Themis.Switch.Pipeline;

namespace Themis.Switch.Execution;

/// <summary>The cells of <c>standard_metadata</c>, copied from and back to <see cref="StandardMetadata"/> around each stage.</summary>
internal sealed class StandardMetadataSlots
{
    private readonly int _ingressPort, _egressSpec, _egressPort, _instanceType, _packetLength, _enqTimestamp, _enqQdepth,
        _deqTimedelta, _deqQdepth, _ingressTs, _egressTs, _mcastGrp, _egressRid, _checksumError, _parserError, _priority;

    public StandardMetadataSlots(StructLoc loc)
    {
        int Slot(string name) => loc.Struct.GetField(name) is { } f && loc.Fields[f.Index] is ScalarLoc s ? s.Slot : -1;
        _ingressPort = Slot("ingress_port");
        _egressSpec = Slot("egress_spec");
        _egressPort = Slot("egress_port");
        _instanceType = Slot("instance_type");
        _packetLength = Slot("packet_length");
        _enqTimestamp = Slot("enq_timestamp");
        _enqQdepth = Slot("enq_qdepth");
        _deqTimedelta = Slot("deq_timedelta");
        _deqQdepth = Slot("deq_qdepth");
        _ingressTs = Slot("ingress_global_timestamp");
        _egressTs = Slot("egress_global_timestamp");
        _mcastGrp = Slot("mcast_grp");
        _egressRid = Slot("egress_rid");
        _checksumError = Slot("checksum_error");
        _parserError = Slot("parser_error");
        _priority = Slot("priority");
    }

    public int ParserError => _parserError;

    public void Load(PacketState s, StandardMetadata m)
    {
        ulong[] c = s.S;
        Set(c, _ingressPort, m.IngressPort & 0x1FF);
        Set(c, _egressSpec, m.EgressSpec & 0x1FF);
        Set(c, _egressPort, m.EgressPort & 0x1FF);
        Set(c, _instanceType, m.InstanceType);
        Set(c, _packetLength, m.PacketLength);
        Set(c, _enqTimestamp, m.EnqTimestamp);
        Set(c, _enqQdepth, m.EnqQdepth & 0x7FFFF);
        Set(c, _deqTimedelta, m.DeqTimedelta);
        Set(c, _deqQdepth, m.DeqQdepth & 0x7FFFF);
        Set(c, _ingressTs, m.IngressGlobalTimestamp & 0xFFFF_FFFF_FFFF);
        Set(c, _egressTs, m.EgressGlobalTimestamp & 0xFFFF_FFFF_FFFF);
        Set(c, _mcastGrp, m.McastGrp & 0xFFFF);
        Set(c, _egressRid, m.EgressRid & 0xFFFF);
        Set(c, _checksumError, m.ChecksumError & 1);
        Set(c, _parserError, m.ParserError);
        Set(c, _priority, m.Priority & 7);
    }

    public void Store(PacketState s, StandardMetadata m)
    {
        ulong[] c = s.S;
        m.EgressSpec = Get(c, _egressSpec, m.EgressSpec);
        m.McastGrp = Get(c, _mcastGrp, m.McastGrp);
        m.Priority = Get(c, _priority, m.Priority);
        m.ChecksumError = Get(c, _checksumError, m.ChecksumError);
        m.ParserError = Get(c, _parserError, m.ParserError);
        m.EgressRid = Get(c, _egressRid, m.EgressRid);
        m.PacketLength = Get(c, _packetLength, m.PacketLength);
        m.InstanceType = Get(c, _instanceType, m.InstanceType);
    }

    private static void Set(ulong[] cells, int slot, ulong value)
    {
        if (slot >= 0)
        {
            cells[slot] = value;
        }
    }

    private static uint Get(ulong[] cells, int slot, uint fallback) => slot >= 0 ? (uint)cells[slot] : fallback;
}
