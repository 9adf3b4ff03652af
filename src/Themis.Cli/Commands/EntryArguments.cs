using System.Globalization;
using System.Numerics;
using P4.Config.V1;
using P4.V1;
using Themis.P4Runtime.Entities;
using Themis.P4Runtime.Info;

namespace Themis.Cli.Commands;

/// <summary>
/// Turns <c>key=value... action=NAME param=value... [priority=N]</c> into a table entry. Match values by kind:
/// exact <c>V</c>; lpm <c>V/LEN</c> (V alone = full length); ternary <c>V&amp;&amp;&amp;MASK</c> (V alone = all bits);
/// range <c>LOW..HIGH</c> (V alone = one value); optional <c>V</c> or <c>*</c>. Values: decimal, 0x hex, IPv4/IPv6, MAC.
/// </summary>
internal static class EntryArguments
{
    public const string Help =
        "Match values: exact V; lpm V/LEN; ternary V&&&MASK; range LOW..HIGH; optional V or *. Values are decimal, 0x-hex, "
        + "IPv4/IPv6 or MAC (00:11:22:33:44:55). Keys come before action=NAME, action parameters after it; priority=N anywhere.";

    public static TableEntry Build(P4InfoIndex index, string tableName, IReadOnlyList<string> pairs, bool requireAction)
    {
        TableEntryBuilder builder = index.TableEntry(tableName);
        Table table = builder.Table;
        string? action = null;
        var parameters = new List<(string, object)>();
        foreach (string pair in pairs)
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw CliException.Usage($"'{pair}' is not key=value. {Help}");
            }

            string key = pair[..eq], value = pair[(eq + 1)..];
            if (key == "priority")
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int priority) || priority <= 0)
                {
                    throw CliException.Usage($"priority={value}: priorities are positive integers (higher wins).");
                }

                builder.Priority(priority);
            }
            else if (key == "action")
            {
                if (!requireAction)
                {
                    throw CliException.Usage("delete takes only the match key (and priority=N); drop action=.");
                }

                action = action is null ? value : throw CliException.Usage("action= is given twice.");
            }
            else if (action is null)
            {
                AddMatch(builder, table, key, value);
            }
            else
            {
                parameters.Add((key, value));
            }
        }

        try
        {
            if (requireAction)
            {
                if (action is null)
                {
                    throw CliException.Usage($"insert needs action=NAME; actions of {table.Preamble.Name}: "
                        + string.Join(", ", table.ActionRefs.Where(r => r.Scope != ActionRef.Types.Scope.DefaultOnly).Select(r => index.Action(r.Id).Preamble.Name)) + ".");
                }

                return builder.Action(action, [.. parameters]).Build();
            }

            return builder.BuildMatchOnly();
        }
        catch (InvalidOperationException ex)
        {
            throw CliException.Usage(ex.Message);
        }
    }

    private static void AddMatch(TableEntryBuilder builder, Table table, string key, string value)
    {
        MatchField field = P4InfoIndex.MatchField(table, key);
        switch (field.MatchType)
        {
            case MatchField.Types.MatchType.Exact:
                builder.Exact(key, value);
                break;
            case MatchField.Types.MatchType.Lpm:
                int slash = value.LastIndexOf('/');
                if (slash < 0)
                {
                    builder.Lpm(key, value, field.Bitwidth);
                }
                else if (int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int length))
                {
                    builder.Lpm(key, value[..slash], length);
                }
                else
                {
                    throw CliException.Usage($"{key}={value}: write an LPM match as VALUE/LENGTH, e.g. 10.2.0.0/16.");
                }

                break;
            case MatchField.Types.MatchType.Ternary:
                int amp = value.IndexOf("&&&", StringComparison.Ordinal);
                builder.Ternary(key, amp < 0 ? value : value[..amp], amp < 0 ? (object)((BigInteger.One << field.Bitwidth) - 1) : value[(amp + 3)..]);
                break;
            case MatchField.Types.MatchType.Range:
                int dots = value.IndexOf("..", StringComparison.Ordinal);
                builder.Range(key, dots < 0 ? value : value[..dots], dots < 0 ? value : value[(dots + 2)..]);
                break;
            case MatchField.Types.MatchType.Optional:
                builder.Optional(key, value == "*" ? null : value);
                break;
            default:
                throw CliException.Usage($"Match field '{field.Name}' has match kind {field.OtherMatchType}, which themisctl cannot write.");
        }
    }
}
