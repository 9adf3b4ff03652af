using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using P4.Config.V1;
using P4.V1;
using Themis.P4Runtime.Info;
using P4Action = P4.Config.V1.Action;

namespace Themis.Cli.Formatting;

/// <summary>Table entries as people read them (decoded keys, action with parameters) and as --json writes them.</summary>
internal static class EntryFormatter
{
    /// <summary>The short name of a match field: the last dotted part of its P4Info name.</summary>
    public static string ShortName(string name)
    {
        int dot = (name ?? "").LastIndexOf('.');
        return dot < 0 ? name ?? "" : name![(dot + 1)..];
    }

    public static string MatchKind(MatchField field) => field.MatchType switch
    {
        MatchField.Types.MatchType.Exact => "exact",
        MatchField.Types.MatchType.Lpm => "lpm",
        MatchField.Types.MatchType.Ternary => "ternary",
        MatchField.Types.MatchType.Range => "range",
        MatchField.Types.MatchType.Optional => "optional",
        _ => field.OtherMatchType.Length > 0 ? field.OtherMatchType : "unspecified",
    };

    /// <summary>True when entries of the table carry a priority (ternary, range or optional fields).</summary>
    public static bool NeedsPriority(Table table) => table.MatchFields.Any(f => f.MatchType is
        MatchField.Types.MatchType.Ternary or MatchField.Types.MatchType.Range or MatchField.Types.MatchType.Optional);

    /// <summary>The match of one field: "*" when the entry leaves it out (a wildcard).</summary>
    public static string FormatMatch(MatchField field, FieldMatch? match)
    {
        if (match is null)
        {
            return "*";
        }

        string name = field.Name;
        int w = field.Bitwidth;
        return match.FieldMatchTypeCase switch
        {
            FieldMatch.FieldMatchTypeOneofCase.Exact => ValueFormatter.Format(name, w, match.Exact.Value),
            FieldMatch.FieldMatchTypeOneofCase.Lpm => ValueFormatter.Format(name, w, match.Lpm.Value) + "/" + match.Lpm.PrefixLen.ToString(CultureInfo.InvariantCulture),
            FieldMatch.FieldMatchTypeOneofCase.Ternary => ValueFormatter.Format(name, w, match.Ternary.Value) + " &&& " + ValueFormatter.Hex(match.Ternary.Mask, w),
            FieldMatch.FieldMatchTypeOneofCase.Range => ValueFormatter.Format(name, w, match.Range.Low) + ".." + ValueFormatter.Format(name, w, match.Range.High),
            FieldMatch.FieldMatchTypeOneofCase.Optional => ValueFormatter.Format(name, w, match.Optional.Value),
            _ => "?",
        };
    }

    public static JsonObject MatchJson(MatchField field, FieldMatch? match)
    {
        var json = new JsonObject
        {
            ["field"] = ShortName(field.Name),
            ["matchType"] = MatchKind(field),
            ["text"] = FormatMatch(field, match),
            ["wildcard"] = match is null,
        };
        if (match is null)
        {
            return json;
        }

        int w = field.Bitwidth;
        switch (match.FieldMatchTypeCase)
        {
            case FieldMatch.FieldMatchTypeOneofCase.Exact:
                json["value"] = ValueFormatter.Hex(match.Exact.Value, w);
                break;
            case FieldMatch.FieldMatchTypeOneofCase.Lpm:
                json["value"] = ValueFormatter.Hex(match.Lpm.Value, w);
                json["prefixLength"] = match.Lpm.PrefixLen;
                break;
            case FieldMatch.FieldMatchTypeOneofCase.Ternary:
                json["value"] = ValueFormatter.Hex(match.Ternary.Value, w);
                json["mask"] = ValueFormatter.Hex(match.Ternary.Mask, w);
                break;
            case FieldMatch.FieldMatchTypeOneofCase.Range:
                json["low"] = ValueFormatter.Hex(match.Range.Low, w);
                json["high"] = ValueFormatter.Hex(match.Range.High, w);
                break;
            case FieldMatch.FieldMatchTypeOneofCase.Optional:
                json["value"] = ValueFormatter.Hex(match.Optional.Value, w);
                break;
        }

        return json;
    }

    /// <summary>The action of an entry as "name(p1=v1, p2=v2)", or "-" when it has none.</summary>
    public static string FormatAction(P4InfoIndex index, TableAction? action)
    {
        if (action?.Action is not { } call)
        {
            return action is null ? "-" : "(action profile member/group)";
        }

        if (!TryAction(index, call.ActionId, out P4Action? info))
        {
            return $"0x{call.ActionId:x8}(?)";
        }

        IEnumerable<string> parameters = call.Params.Select(p =>
        {
            P4Action.Types.Param? param = info.Params.FirstOrDefault(x => x.Id == p.ParamId);
            return param is null
                ? $"#{p.ParamId}=0x{Convert.ToHexStringLower(p.Value.Span)}"
                : $"{param.Name}={ValueFormatter.Format(param.Name, param.Bitwidth, p.Value)}";
        });
        return $"{info.Preamble.Name}({string.Join(", ", parameters)})";
    }

    public static JsonNode? ActionJson(P4InfoIndex index, TableAction? action)
    {
        if (action?.Action is not { } call)
        {
            return null;
        }

        bool known = TryAction(index, call.ActionId, out P4Action? info);
        var parameters = new JsonArray();
        foreach (P4.V1.Action.Types.Param p in call.Params)
        {
            P4Action.Types.Param? param = known ? info!.Params.FirstOrDefault(x => x.Id == p.ParamId) : null;
            int width = param?.Bitwidth ?? p.Value.Length * 8;
            parameters.Add(new JsonObject
            {
                ["name"] = param?.Name ?? $"#{p.ParamId}",
                ["text"] = param is null ? ValueFormatter.Hex(p.Value, width) : ValueFormatter.Format(param.Name, width, p.Value),
                ["value"] = ValueFormatter.Hex(p.Value, width),
            });
        }

        return new JsonObject
        {
            ["name"] = known ? info!.Preamble.Name : $"0x{call.ActionId:x8}",
            ["id"] = call.ActionId,
            ["params"] = parameters,
        };
    }

    /// <summary>The value of parameter <paramref name="name"/> of the entry's action, or null.</summary>
    public static ByteString? Param(P4InfoIndex index, TableAction? action, string name)
    {
        if (action?.Action is not { } call || !TryAction(index, call.ActionId, out P4Action? info))
        {
            return null;
        }

        P4Action.Types.Param? param = info.Params.FirstOrDefault(p => p.Name == name);
        return param is null ? null : call.Params.FirstOrDefault(p => p.ParamId == param.Id)?.Value;
    }

    public static string Id(uint id) => "0x" + id.ToString("x8", CultureInfo.InvariantCulture);

    private static bool TryAction(P4InfoIndex index, uint id, out P4Action info)
    {
        try
        {
            info = index.Action(id);
            return true;
        }
        catch (P4InfoLookupException)
        {
            info = null!;
            return false;
        }
    }
}
