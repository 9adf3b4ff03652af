using P4.Config.V1;

namespace Themis.Switch.Tests.Server;

/// <summary>A small P4Info: an exact table, a ternary table with a direct counter, a counter, a register, a digest and controller headers.</summary>
internal static class TestP4Info
{
    public const uint Exact = 0x02000001;
    public const uint Acl = 0x02000002;
    public const uint Forward = 0x01000001;
    public const uint Drop = 0x01000002;
    public const uint NoAction = 0x01000003;
    public const uint Counter = 0x12000001;
    public const uint DirectCounter = 0x13000001;
    public const uint Register = 0x16000001;
    public const uint Digest = 0x17000001;
    public const uint PacketIn = 0x04000001;
    public const uint PacketOut = 0x04000002;

    public static P4Info Build(int exactSize = 4)
    {
        var p4 = new P4Info();
        p4.Actions.Add(new global::P4.Config.V1.Action { Preamble = new Preamble { Id = Forward, Name = "MyIngress.forward" }, Params = { new global::P4.Config.V1.Action.Types.Param { Id = 1, Name = "port", Bitwidth = 9 } } });
        p4.Actions.Add(new global::P4.Config.V1.Action { Preamble = new Preamble { Id = Drop, Name = "MyIngress.drop" } });
        p4.Actions.Add(new global::P4.Config.V1.Action { Preamble = new Preamble { Id = NoAction, Name = "NoAction" } });
        p4.Tables.Add(new Table
        {
            Preamble = new Preamble { Id = Exact, Name = "MyIngress.exact_t" },
            MatchFields = { new MatchField { Id = 1, Name = "dst", Bitwidth = 32, MatchType = MatchField.Types.MatchType.Exact } },
            ActionRefs = { new ActionRef { Id = Forward }, new ActionRef { Id = Drop }, new ActionRef { Id = NoAction, Scope = ActionRef.Types.Scope.DefaultOnly } },
            Size = exactSize,
            IdleTimeoutBehavior = Table.Types.IdleTimeoutBehavior.NotifyControl,
        });
        p4.Tables.Add(new Table
        {
            Preamble = new Preamble { Id = Acl, Name = "MyIngress.acl" },
            MatchFields = { new MatchField { Id = 1, Name = "proto", Bitwidth = 8, MatchType = MatchField.Types.MatchType.Ternary } },
            ActionRefs = { new ActionRef { Id = Drop }, new ActionRef { Id = NoAction } },
            DirectResourceIds = { DirectCounter },
            Size = 16,
        });
        p4.Counters.Add(new Counter { Preamble = new Preamble { Id = Counter, Name = "MyIngress.c" }, Spec = new CounterSpec { Unit = CounterSpec.Types.Unit.Both }, Size = 8 });
        p4.DirectCounters.Add(new DirectCounter { Preamble = new Preamble { Id = DirectCounter, Name = "MyIngress.acl_counter" }, Spec = new CounterSpec { Unit = CounterSpec.Types.Unit.Both }, DirectTableId = Acl });
        p4.Registers.Add(new Register { Preamble = new Preamble { Id = Register, Name = "MyIngress.r" }, Size = 4, TypeSpec = new P4DataTypeSpec { Bitstring = new P4BitstringLikeTypeSpec { Bit = new P4BitTypeSpec { Bitwidth = 48 } } } });
        p4.Digests.Add(new Digest { Preamble = new Preamble { Id = Digest, Name = "pair_t" }, TypeSpec = new P4DataTypeSpec { Bitstring = new P4BitstringLikeTypeSpec { Bit = new P4BitTypeSpec { Bitwidth = 32 } } } });
        p4.ControllerPacketMetadata.Add(new ControllerPacketMetadata
        {
            Preamble = new Preamble { Id = PacketIn, Name = "packet_in" },
            Metadata = { new ControllerPacketMetadata.Types.Metadata { Id = 1, Name = "ingress_port", Bitwidth = 9 }, new ControllerPacketMetadata.Types.Metadata { Id = 2, Name = "_pad", Bitwidth = 7 } },
        });
        p4.ControllerPacketMetadata.Add(new ControllerPacketMetadata
        {
            Preamble = new Preamble { Id = PacketOut, Name = "packet_out" },
            Metadata = { new ControllerPacketMetadata.Types.Metadata { Id = 1, Name = "egress_port", Bitwidth = 9 }, new ControllerPacketMetadata.Types.Metadata { Id = 2, Name = "_pad", Bitwidth = 7 } },
        });
        return p4;
    }
}
