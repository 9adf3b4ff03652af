using System.Buffers.Binary;
using System.Net.NetworkInformation;
using Google.Protobuf;
using P4.Config.V1;
using P4.V1;
using Themis.P4Runtime.Encoding;
using Themis.P4Runtime.Entities;
using Themis.P4Runtime.Info;
using Themis.Packets.SwitchInternal;

namespace Themis.Controller.Internal;

/// <summary>
/// Translates between the controller's vocabulary and the ESW program's P4Runtime entities, through its
/// P4Info. Building an entity for a name the program does not have throws <see cref="P4InfoLookupException"/>
/// at start-up, naming what is missing.
/// </summary>
internal sealed class SwitchProgram
{
    private readonly ControllerConfig _config;
    private readonly PacketMetadataCodec _metadata;
    private readonly uint _qpFieldId;
    private readonly uint _cnpStoreId;
    private readonly uint _cookieSecretsId;
    private readonly uint _digestId;

    // The hot-path entries (one per registration, CNP copy or idle timeout) are built straight from ids and
    // widths resolved here, rather than through the name-checking builder, which allocates per call; a unit
    // test holds both ways to the same bytes.
    private readonly (uint Id, int Width) _qpSrc;
    private readonly (uint Id, int Width) _qpDst;
    private readonly (uint Id, int Width) _qpDestQp;
    private readonly uint _setQpFieldId;
    private readonly (uint Id, int Width) _qpLocalQpn;
    private readonly (uint Id, int Width) _qpSlot;
    private readonly (uint Id, int Width) _storeDst;
    private readonly (uint Id, int Width) _storeDestQp;
    private readonly uint _setStoreSlotId;
    private readonly (uint Id, int Width) _storeSlot;
    private readonly long _storeIdleTimeoutNs;
    private readonly (uint Id, int Width, int Field)[] _packetIn;

    public SwitchProgram(P4InfoIndex index, ControllerConfig config)
    {
        Index = index;
        _config = config;
        _metadata = new PacketMetadataCodec(index);
        _qpFieldId = index.Table(EswNames.QpField).Preamble.Id;
        _cnpStoreId = index.Table(EswNames.CnpStore).Preamble.Id;
        _cookieSecretsId = index.Table(EswNames.CookieSecrets).Preamble.Id;
        _digestId = index.Digest(EswNames.HandshakeDigest).Preamble.Id;
        Table qp = index.Table(EswNames.QpField);
        QpFieldSize = qp.Size;
        CnpStoreSize = index.Table(EswNames.CnpStore).Size;
        VerifiedPairsSize = index.RegisterNames.Any(n => n.EndsWith(EswNames.VerifiedPairs, StringComparison.Ordinal))
            ? index.Register(EswNames.VerifiedPairs).Size
            : 0;
        SecretBits = P4InfoIndex.Param(index.Action(EswNames.SetCookieSecrets), "current").Bitwidth;

        _qpSrc = Field(qp, "ipv4_src");
        _qpDst = Field(qp, "ipv4_dst");
        _qpDestQp = Field(qp, "dest_qp");
        global::P4.Config.V1.Action setQp = index.Action(EswNames.SetQpField);
        _setQpFieldId = setQp.Preamble.Id;
        _qpLocalQpn = Param(setQp, "local_qpn");
        _qpSlot = Param(setQp, "slot");
        Table store = index.Table(EswNames.CnpStore);
        _storeDst = Field(store, "ipv4_dst");
        _storeDestQp = Field(store, "dest_qp");
        global::P4.Config.V1.Action setSlot = index.Action(EswNames.SetCnpStoreSlot);
        _setStoreSlotId = setSlot.Preamble.Id;
        _storeSlot = Param(setSlot, "slot");
        if (store.IdleTimeoutBehavior != Table.Types.IdleTimeoutBehavior.NotifyControl)
        {
            throw new InvalidOperationException($"Table '{store.Preamble.Name}' does not support idle timeouts (declare it with support_timeout = true).");
        }

        _storeIdleTimeoutNs = config.Timers.CnpStoreIdleTimeout.Ticks * 100;
        _packetIn = index.TryGetControllerPacketMetadata("packet_in", out ControllerPacketMetadata packetIn)
            ? [.. packetIn.Metadata.Select(m => (m.Id, m.Bitwidth, Array.IndexOf(s_packetInFields, m.Name)))]
            : [];
    }

    private static readonly string[] s_packetInFields = ["ingress_port", "reason", "slot", "local_qpn", "cache_index", "cache_entry"];

    public P4InfoIndex Index { get; }

    public long QpFieldSize { get; }

    public long CnpStoreSize { get; }

    public int VerifiedPairsSize { get; }

    public int SecretBits { get; }

    public uint DigestId => _digestId;

    /// <summary>Problems between the configuration and the program's sizes, each naming the config key.</summary>
    public IReadOnlyList<string> CheckSizes()
    {
        var errors = new List<string>();
        if (QpFieldSize > 0 && _config.Themis.FlowSlots > QpFieldSize)
        {
            errors.Add($"themis.flowSlots: {_config.Themis.FlowSlots} exceeds the program's qp_field size ({QpFieldSize}).");
        }

        if (CnpStoreSize > 0 && _config.Themis.CnpStoreSize > CnpStoreSize)
        {
            errors.Add($"themis.cnpStoreSize: {_config.Themis.CnpStoreSize} exceeds the program's cnp_store size ({CnpStoreSize}).");
        }

        return errors;
    }

    public Entity QpFieldEntry(QpKey key, uint localQpn, int slot)
    {
        TableEntry entry = QpFieldKey(key);
        var action = new global::P4.V1.Action { ActionId = _setQpFieldId };
        action.Params.Add(ActionParam(_qpLocalQpn, localQpn));
        action.Params.Add(ActionParam(_qpSlot, (uint)slot));
        entry.Action = new TableAction { Action = action };
        return entry.ToEntity();
    }

    public Entity QpFieldMatch(QpKey key) => QpFieldKey(key).ToEntity();

    public Entity CnpStoreEntry(LocalQp qp, int slot)
    {
        TableEntry entry = CnpStoreKey(qp);
        var action = new global::P4.V1.Action { ActionId = _setStoreSlotId };
        action.Params.Add(ActionParam(_storeSlot, (uint)slot));
        entry.Action = new TableAction { Action = action };
        entry.IdleTimeoutNs = _storeIdleTimeoutNs;
        return entry.ToEntity();
    }

    public Entity CnpStoreMatch(LocalQp qp) => CnpStoreKey(qp).ToEntity();

    /// <summary>The same entries through the checking builder (what the fast ones must equal).</summary>
    internal Entity QpFieldEntryChecked(QpKey key, uint localQpn, int slot) => Index.TableEntry(EswNames.QpField)
        .Exact("ipv4_src", key.LocalIp).Exact("ipv4_dst", key.RemoteIp).Exact("dest_qp", key.RemoteQpn)
        .Action(EswNames.SetQpField, ("local_qpn", localQpn), ("slot", (uint)slot))
        .Build().ToEntity();

    internal Entity CnpStoreEntryChecked(LocalQp qp, int slot) => Index.TableEntry(EswNames.CnpStore)
        .Exact("ipv4_dst", qp.Ip).Exact("dest_qp", qp.Qpn)
        .Action(EswNames.SetCnpStoreSlot, ("slot", (uint)slot))
        .IdleTimeout(_config.Timers.CnpStoreIdleTimeout)
        .Build().ToEntity();

    public Entity CookieSecretsDefault(ulong current, ulong previous) => Index.DefaultEntry(EswNames.CookieSecrets)
        .Action(EswNames.SetCookieSecrets, ("current", current), ("previous", previous))
        .Build().ToEntity();

    public Entity ParamsDefault()
    {
        Ipv4.TryParse(_config.ControlIp, out uint controlIp);
        ThemisParameters p = _config.Themis;
        return Index.DefaultEntry(EswNames.ThemisParams)
            .Action(
                EswNames.SetParams,
                ("cnp_interval", (ulong)(p.CnpInterval.Ticks / TimeSpan.TicksPerMicrosecond)),
                ("alpha0", (uint)p.Alpha0),
                ("beta", (ulong)(p.Beta.Ticks / TimeSpan.TicksPerMicrosecond)),
                ("cnp_dscp", (uint)p.CnpDscp),
                ("switch_mac", PhysicalAddress.Parse(_config.SwitchMac.Replace(':', '-'))),
                ("control_ip", controlIp),
                ("daemon_port", (uint)_config.Daemon.Port),
                ("loop_port", _config.Ports.Loop),
                ("direct_recovery", p.Recovery == RecoveryMode.Direct),
                ("passive_handshake", p.Handshake == HandshakeMode.Passive))
            .Build().ToEntity();
    }

    /// <summary>The clone session of the i-th DC port: copies leave by that port (PNP CNPs go back where the data came from).</summary>
    public uint CloneSessionOf(int dcPortIndex) => _config.Ports.CloneSessionBase + (uint)dcPortIndex;

    /// <summary>Everything installed once per (re)start: port roles, routes, clone sessions.</summary>
    public IEnumerable<Entity> StaticEntities()
    {
        PortsConfig ports = _config.Ports;
        for (int i = 0; i < ports.Dc.Count; i++)
        {
            yield return Index.TableEntry(EswNames.PortRoles).Exact("port", ports.Dc[i])
                .Action(EswNames.SetDcPort, ("cnp_session", CloneSessionOf(i))).Build().ToEntity();
            yield return P4Entities.CloneSession(CloneSessionOf(i), [(ports.Dc[i], 1u)]);
        }

        foreach (uint wan in ports.Wan)
        {
            yield return Index.TableEntry(EswNames.PortRoles).Exact("port", wan).Action(EswNames.SetWanPort).Build().ToEntity();
        }

        yield return Index.TableEntry(EswNames.PortRoles).Exact("port", ports.Loop).Action(EswNames.SetLoopPort).Build().ToEntity();
        yield return P4Entities.CloneSession(EswNames.CpuCloneSession, [(ports.Cpu, 1u)]);

        var wanPorts = ports.Wan.ToHashSet();
        foreach (RouteConfig route in _config.Routes)
        {
            Ipv4.TryParsePrefix(route.Prefix, out Ipv4Prefix? prefix);
            string action = wanPorts.Contains(route.Port) ? EswNames.SetWanNextHop : EswNames.SetNextHop;
            yield return Index.TableEntry(EswNames.RoutingV4)
                .Lpm("ipv4_dst", prefix!.Network, prefix.Length)
                .Action(action, ("port", route.Port), ("dmac", PhysicalAddress.Parse(route.NextHopMac.Replace(':', '-'))))
                .Build().ToEntity();
        }
    }

    /// <summary>Makes the switch send handshake digests (one per list, flushed at once).</summary>
    public Entity HandshakeDigestEntry() => Index.DigestEntry(EswNames.HandshakeDigest, maxTimeoutNs: 0, maxListSize: 1, ackTimeoutNs: 1_000_000_000);

    public Entity AllQpFieldEntries() => new() { TableEntry = new TableEntry { TableId = _qpFieldId } };

    public Entity AllCnpStoreEntries() => new() { TableEntry = new TableEntry { TableId = _cnpStoreId } };

    public Entity CookieSecretsDefaultFilter() => new() { TableEntry = new TableEntry { TableId = _cookieSecretsId, IsDefaultAction = true } };

    /// <summary>Reads a qp_field entry back; false (never throws) for anything malformed.</summary>
    public bool TryReadQpEntry(TableEntry entry, out InstalledQp installed)
    {
        installed = null!;
        if (entry.TableId != _qpFieldId || entry.Action?.Action is not { } action || action.Params.Count < 2)
        {
            return false;
        }

        Table table = Index.Table(_qpFieldId);
        if (!TryExact(table, entry, "ipv4_src", out ulong src) || !TryExact(table, entry, "ipv4_dst", out ulong dst)
            || !TryExact(table, entry, "dest_qp", out ulong qp) || !TryParam(action, "local_qpn", out ulong localQpn)
            || !TryParam(action, "slot", out ulong slot))
        {
            return false;
        }

        installed = new InstalledQp(new QpKey((uint)src, (uint)dst, (uint)qp), (uint)localQpn, (int)slot);
        return true;
    }

    public bool TryReadCnpStoreEntry(TableEntry entry, out LocalQp qp, out int slot)
    {
        qp = default;
        slot = -1;
        if (entry.TableId != _cnpStoreId || entry.Action?.Action is not { } action)
        {
            return false;
        }

        Table table = Index.Table(_cnpStoreId);
        if (!TryExact(table, entry, "ipv4_dst", out ulong ip) || !TryExact(table, entry, "dest_qp", out ulong qpn)
            || !TryParam(action, "slot", out ulong s))
        {
            return false;
        }

        qp = new LocalQp((uint)ip, (uint)qpn);
        slot = (int)s;
        return true;
    }

    public bool TryReadCookieSecret(TableEntry entry, out ulong current)
    {
        current = 0;
        return entry.Action?.Action is { } action && TryParam(action, "current", out current);
    }

    /// <summary>Decodes the packet_in metadata; false (never throws) when it does not fit the program.</summary>
    public bool TryReadPacketIn(PacketIn packet, out PacketInInfo info)
    {
        info = default;
        Span<ulong> values = stackalloc ulong[s_packetInFields.Length];
        bool hasPort = false;
        bool hasReason = false;
        foreach (PacketMetadata m in packet.Metadata)
        {
            int at = Array.FindIndex(_packetIn, f => f.Id == m.MetadataId);
            if (at < 0 || !TryUnsigned(m.Value.Span, _packetIn[at].Width, out ulong value))
            {
                return false; // a field the program does not declare, or a value wider than its field
            }

            int field = _packetIn[at].Field;
            if (field >= 0)
            {
                values[field] = value;
                hasPort |= field == 0;
                hasReason |= field == 1;
            }
        }

        if (!hasPort || !hasReason)
        {
            return false;
        }

        info = new PacketInInfo((uint)values[0], (PuntReason)values[1], (int)values[2], (uint)values[3], (int)Math.Min(values[4], int.MaxValue), (uint)values[5]);
        return true;
    }

    /// <summary>Reads one handshake digest member; false for anything malformed.</summary>
    public static bool TryReadHandshake(P4Data data, out HostPair pair, out int pairIndex)
    {
        pair = default;
        pairIndex = -1;
        if (data.DataCase != P4Data.DataOneofCase.Struct || data.Struct.Members.Count < 2)
        {
            return false;
        }

        if (!TryBits(data.Struct.Members[0], 32, out ulong local) || !TryBits(data.Struct.Members[1], 32, out ulong remote))
        {
            return false;
        }

        if (data.Struct.Members.Count > 2 && TryBits(data.Struct.Members[2], 32, out ulong index))
        {
            pairIndex = (int)Math.Min(index, int.MaxValue);
        }

        pair = new HostPair((uint)local, (uint)remote);
        return true;
    }

    /// <summary>A packet-out the data plane executes as a register operation (reply comes back as a packet-in).</summary>
    public PacketOut ControlPacket(ControlOp op, uint index, uint requestId, uint expectedCacheEntry = 0) =>
        PacketOutTo(0, ThemisFrames.BuildControlRequest(op, index, requestId, expectedCacheEntry));

    public PacketOut PacketOutTo(uint egressPort, ReadOnlySpan<byte> frame)
    {
        ControllerPacketMetadata header = Index.ControllerPacketMetadata("packet_out");
        var fields = header.Metadata
            .Select(m => (m.Name, (object)(m.Name == "egress_port" ? egressPort : 0u)))
            .ToArray();
        return _metadata.PacketOut(frame, fields);
    }

    private static (uint Id, int Width) Field(Table table, string name)
    {
        MatchField field = P4InfoIndex.MatchField(table, name);
        if (field.MatchType != MatchField.Types.MatchType.Exact)
        {
            throw new InvalidOperationException($"Match field '{name}' of table '{table.Preamble.Name}' is {field.MatchType}, the controller needs an exact match.");
        }

        return (field.Id, field.Bitwidth);
    }

    private static (uint Id, int Width) Param(global::P4.Config.V1.Action action, string name)
    {
        global::P4.Config.V1.Action.Types.Param param = P4InfoIndex.Param(action, name);
        return (param.Id, param.Bitwidth);
    }

    private TableEntry QpFieldKey(QpKey key)
    {
        var entry = new TableEntry { TableId = _qpFieldId };
        entry.Match.Add(ExactMatch(_qpSrc, key.LocalIp));
        entry.Match.Add(ExactMatch(_qpDst, key.RemoteIp));
        entry.Match.Add(ExactMatch(_qpDestQp, key.RemoteQpn));
        return entry;
    }

    private TableEntry CnpStoreKey(LocalQp qp)
    {
        var entry = new TableEntry { TableId = _cnpStoreId };
        entry.Match.Add(ExactMatch(_storeDst, qp.Ip));
        entry.Match.Add(ExactMatch(_storeDestQp, qp.Qpn));
        return entry;
    }

    private static FieldMatch ExactMatch((uint Id, int Width) field, uint value) =>
        new() { FieldId = field.Id, Exact = new FieldMatch.Types.Exact { Value = P4Bytes.Encode(value, field.Width) } };

    private static global::P4.V1.Action.Types.Param ActionParam((uint Id, int Width) param, uint value) =>
        new() { ParamId = param.Id, Value = P4Bytes.Encode(value, param.Width) };

    /// <summary>A big-endian unsigned value of at most 64 bits that fits <paramref name="width"/> bits (padding zeros allowed).</summary>
    private static bool TryUnsigned(ReadOnlySpan<byte> bytes, int width, out ulong value)
    {
        value = 0;
        foreach (byte b in bytes)
        {
            if (value >> 56 != 0)
            {
                return false;
            }

            value = (value << 8) | b;
        }

        return bytes.Length > 0 && (width >= 64 || value >> width == 0);
    }

    private static bool TryExact(Table table, TableEntry entry, string name, out ulong value)
    {
        value = 0;
        MatchField field = P4InfoIndex.MatchField(table, name);
        FieldMatch? match = entry.Match.FirstOrDefault(m => m.FieldId == field.Id);
        if (match?.Exact is null || !P4Bytes.TryCanonicalize(match.Exact.Value.Span, field.Bitwidth, out ByteString? canonical, out _))
        {
            return false;
        }

        value = P4Bytes.DecodeUInt64(canonical, field.Bitwidth);
        return true;
    }

    private bool TryParam(global::P4.V1.Action action, string name, out ulong value)
    {
        value = 0;
        global::P4.Config.V1.Action info = Index.Action(action.ActionId);
        global::P4.Config.V1.Action.Types.Param param = P4InfoIndex.Param(info, name);
        global::P4.V1.Action.Types.Param? given = action.Params.FirstOrDefault(p => p.ParamId == param.Id);
        if (given is null || !P4Bytes.TryCanonicalize(given.Value.Span, param.Bitwidth, out ByteString? canonical, out _))
        {
            return false;
        }

        value = P4Bytes.DecodeUInt64(canonical, param.Bitwidth);
        return true;
    }

    private static bool TryBits(P4Data data, int width, out ulong value)
    {
        value = 0;
        if (data.DataCase != P4Data.DataOneofCase.Bitstring || data.Bitstring.Length > 8)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[8];
        data.Bitstring.Span.CopyTo(buffer[(8 - data.Bitstring.Length)..]);
        value = BinaryPrimitives.ReadUInt64BigEndian(buffer);
        return width >= 64 || value >> width == 0;
    }
}
