using P4.Config.V1;

namespace Themis.P4Runtime.Info;

/// <summary>Kinds of P4Info objects the index resolves, with the word used in error messages.</summary>
public enum P4EntityKind
{
    Table,
    Action,
    ActionProfile,
    Counter,
    DirectCounter,
    Meter,
    DirectMeter,
    Register,
    Digest,
    ValueSet,
    ControllerPacketMetadata,
}

internal static class P4EntityKindExtensions
{
    public static string Describe(this P4EntityKind kind) => kind switch
    {
        P4EntityKind.Table => "table",
        P4EntityKind.Action => "action",
        P4EntityKind.ActionProfile => "action profile",
        P4EntityKind.Counter => "counter",
        P4EntityKind.DirectCounter => "direct counter",
        P4EntityKind.Meter => "meter",
        P4EntityKind.DirectMeter => "direct meter",
        P4EntityKind.Register => "register",
        P4EntityKind.Digest => "digest",
        P4EntityKind.ValueSet => "value set",
        P4EntityKind.ControllerPacketMetadata => "controller packet metadata header",
        _ => kind.ToString(),
    };

    public static P4Ids.Types.Prefix IdPrefix(this P4EntityKind kind) => kind switch
    {
        P4EntityKind.Table => P4Ids.Types.Prefix.Table,
        P4EntityKind.Action => P4Ids.Types.Prefix.Action,
        P4EntityKind.ActionProfile => P4Ids.Types.Prefix.ActionProfile,
        P4EntityKind.Counter => P4Ids.Types.Prefix.Counter,
        P4EntityKind.DirectCounter => P4Ids.Types.Prefix.DirectCounter,
        P4EntityKind.Meter => P4Ids.Types.Prefix.Meter,
        P4EntityKind.DirectMeter => P4Ids.Types.Prefix.DirectMeter,
        P4EntityKind.Register => P4Ids.Types.Prefix.Register,
        P4EntityKind.Digest => P4Ids.Types.Prefix.Digest,
        P4EntityKind.ValueSet => P4Ids.Types.Prefix.ValueSet,
        P4EntityKind.ControllerPacketMetadata => P4Ids.Types.Prefix.ControllerHeader,
        _ => P4Ids.Types.Prefix.Unspecified,
    };
}
