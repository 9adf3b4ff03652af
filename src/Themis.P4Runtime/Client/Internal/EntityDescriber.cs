using System.Globalization;
using P4.V1;

namespace Themis.P4Runtime.Client.Internal;

/// <summary>Short human descriptions of entities for error messages ("table_entry MyIngress.t (0x02000001)").</summary>
internal static class EntityDescriber
{
    public static string KindName(Entity.EntityOneofCase kind) =>
        kind == Entity.EntityOneofCase.None
            ? "empty entity"
            : Entity.Descriptor.FindFieldByNumber((int)kind)?.Name ?? kind.ToString();

    public static string Describe(Entity? entity, P4InfoNames? names)
    {
        if (entity is null || entity.EntityCase == Entity.EntityOneofCase.None)
        {
            return "empty entity";
        }

        string kind = KindName(entity.EntityCase);
        string target = entity.EntityCase switch
        {
            Entity.EntityOneofCase.TableEntry => Object(entity.TableEntry.TableId, names)
                + (entity.TableEntry.IsDefaultAction ? " default entry" : ""),
            Entity.EntityOneofCase.ActionProfileMember => $"{Object(entity.ActionProfileMember.ActionProfileId, names)} member {entity.ActionProfileMember.MemberId}",
            Entity.EntityOneofCase.ActionProfileGroup => $"{Object(entity.ActionProfileGroup.ActionProfileId, names)} group {entity.ActionProfileGroup.GroupId}",
            Entity.EntityOneofCase.MeterEntry => Object(entity.MeterEntry.MeterId, names) + Index(entity.MeterEntry.Index),
            Entity.EntityOneofCase.DirectMeterEntry => Object(entity.DirectMeterEntry.TableEntry?.TableId ?? 0, names),
            Entity.EntityOneofCase.CounterEntry => Object(entity.CounterEntry.CounterId, names) + Index(entity.CounterEntry.Index),
            Entity.EntityOneofCase.DirectCounterEntry => Object(entity.DirectCounterEntry.TableEntry?.TableId ?? 0, names),
            Entity.EntityOneofCase.RegisterEntry => Object(entity.RegisterEntry.RegisterId, names) + Index(entity.RegisterEntry.Index),
            Entity.EntityOneofCase.ValueSetEntry => Object(entity.ValueSetEntry.ValueSetId, names),
            Entity.EntityOneofCase.DigestEntry => Object(entity.DigestEntry.DigestId, names),
            Entity.EntityOneofCase.ExternEntry => $"extern type 0x{entity.ExternEntry.ExternTypeId:x} instance 0x{entity.ExternEntry.ExternId:x}",
            Entity.EntityOneofCase.PacketReplicationEngineEntry => Replication(entity.PacketReplicationEngineEntry),
            _ => "",
        };
        return target.Length == 0 ? kind : $"{kind} {target}";
    }

    private static string Object(uint id, P4InfoNames? names)
    {
        if (id == 0)
        {
            return "(all)";
        }

        string hex = "0x" + id.ToString("x8", CultureInfo.InvariantCulture);
        return names?.NameOf(id) is { } name ? $"{name} ({hex})" : hex;
    }

    private static string Index(P4.V1.Index? index) => index is null ? "" : $"[{index.Index_}]";

    private static string Replication(PacketReplicationEngineEntry pre) => pre.TypeCase switch
    {
        PacketReplicationEngineEntry.TypeOneofCase.MulticastGroupEntry => $"multicast group {pre.MulticastGroupEntry.MulticastGroupId}",
        PacketReplicationEngineEntry.TypeOneofCase.CloneSessionEntry => $"clone session {pre.CloneSessionEntry.SessionId}",
        _ => "",
    };
}
