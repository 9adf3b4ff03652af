using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using P4.Config.V1;
using P4.V1;
using Themis.Cli.Connection;
using Themis.Cli.Esw;
using Themis.Cli.Formatting;
using Themis.Cli.Output;
using Themis.Cli.Registers;
using Themis.P4Runtime.Info;
using Themis.Packets.SwitchInternal;

namespace Themis.Cli.Commands;

/// <summary>
/// <c>flows</c>: one row per registered inter-DC flow, joining <c>qp_field</c> (who, which slot), <c>cnp_store</c>
/// (TRP knows the flow) and the per-slot registers (PNP and Algorithm 1 state).
/// </summary>
internal static class FlowsCommand
{
    public static Command Create(ViewBinder binder)
    {
        var command = new Command("flows", $"Show the inter-DC flows: {EswNames.QpField} entries joined with {EswNames.CnpStore} and the "
            + "per-slot registers (local IP/QPN, remote IP/QPN, slot, last CNP sent, last CNP seen, TRP status, loop_num, alpha, cnp_num). "
            + "Register reads fall back to control packets as in 'registers'.");
        return binder.Bind(command, RunAsync);
    }

    private static async Task<Report> RunAsync(SwitchSession session, ParseResult parse, CancellationToken cancellationToken)
    {
        P4InfoIndex index = await session.GetP4InfoAsync(cancellationToken).ConfigureAwait(false);
        Table qpField, cnpStore;
        Register[] registers;
        try
        {
            qpField = index.Table(EswNames.QpField);
            cnpStore = index.Table(EswNames.CnpStore);
            registers = [.. new[] { EswNames.LastCnp, EswNames.CnpTime, EswNames.FlowState, EswNames.LoopNum, EswNames.Alpha, EswNames.CnpNum }.Select(index.Register)];
        }
        catch (P4InfoLookupException ex)
        {
            throw CliException.NotFound($"flows needs the ESW program, and the loaded pipeline is not it: {ex.Message}", ex.Closest);
        }

        var qpFilter = new TableEntry { TableId = qpField.Preamble.Id };
        if (index.DirectCounterOf(qpField) is not null)
        {
            qpFilter.CounterData = new CounterData();
        }

        List<Entity> entities = await session.ReadAsync(
            [new Entity { TableEntry = qpFilter }, new Entity { TableEntry = new TableEntry { TableId = cnpStore.Preamble.Id } }],
            $"{EswNames.QpField} and {EswNames.CnpStore}", cancellationToken).ConfigureAwait(false);
        List<TableEntry> qpEntries = [.. entities.Select(e => e.TableEntry).Where(e => e?.TableId == qpField.Preamble.Id && !e.IsDefaultAction)];
        List<TableEntry> storeEntries = [.. entities.Select(e => e.TableEntry).Where(e => e?.TableId == cnpStore.Preamble.Id && !e.IsDefaultAction)];

        MatchField localIpField = P4InfoIndex.MatchField(qpField, EswNames.QpFieldLocalIp);
        MatchField remoteIpField = P4InfoIndex.MatchField(qpField, EswNames.QpFieldRemoteIp);
        MatchField remoteQpnField = P4InfoIndex.MatchField(qpField, EswNames.QpFieldRemoteQpn);
        P4.Config.V1.Action setQp = index.Action(EswNames.SetQpField);
        int localQpnWidth = P4InfoIndex.Param(setQp, EswNames.SetQpFieldLocalQpn).Bitwidth;
        int slotWidth = P4InfoIndex.Param(setQp, EswNames.SetQpFieldSlot).Bitwidth;
        MatchField storeIpField = P4InfoIndex.MatchField(cnpStore, EswNames.CnpStoreLocalIp);
        MatchField storeQpnField = P4InfoIndex.MatchField(cnpStore, EswNames.CnpStoreLocalQpn);

        // cnp_store is keyed by (local IP, local QPN); compare decoded numbers, not bytestrings, since padding may differ.
        var store = new HashSet<(ulong Ip, ulong Qpn)>();
        foreach (TableEntry e in storeEntries)
        {
            if (Exact(e, storeIpField) is { } ip && Exact(e, storeQpnField) is { } qpn)
            {
                store.Add((ip, qpn));
            }
        }

        var flows = new List<Flow>();
        foreach (TableEntry e in qpEntries)
        {
            ByteString? localQpn = EntryFormatter.Param(index, e.Action, EswNames.SetQpFieldLocalQpn);
            ByteString? slot = EntryFormatter.Param(index, e.Action, EswNames.SetQpFieldSlot);
            flows.Add(new Flow(e, Exact(e, localIpField), Exact(e, remoteIpField), Exact(e, remoteQpnField),
                localQpn is null ? null : ValueFormatter.TryDecode(localQpn, localQpnWidth),
                slot is null ? null : ValueFormatter.TryDecode(slot, slotWidth)));
        }

        long[] slots = [.. flows.Where(f => f.Slot is { } s && s < (ulong)registers.Min(r => r.Size)).Select(f => (long)f.Slot!.Value).Distinct().Order()];
        RegisterValues values = slots.Length == 0
            ? new RegisterValues("none")
            : await new RegisterAccess(session, index).ReadAsync(registers, slots, cancellationToken).ConfigureAwait(false);

        var json = new JsonArray();
        var report = new Report("flows", new JsonObject { ["registerPath"] = values.Path, ["flows"] = json });
        bool counted = index.DirectCounterOf(qpField) is not null;
        var columns = new List<string> { "local IP", "local QPN", "remote IP", "remote QPN", "slot", "cnp_store", "last CNP sent", "last CNP seen", "TRP status", "loop_num", "alpha", "cnp_num" };
        if (counted)
        {
            columns.Add("packets");
        }

        ReportTable table = report.AddTable(new ReportTable(null, [.. columns]) { EmptyText = $"(no flows: {EswNames.QpField} is empty)" }
            .AlignRight("slot", "last CNP sent", "last CNP seen", "loop_num", "alpha", "cnp_num", "packets"));
        foreach (Flow f in flows.OrderBy(f => f.Slot ?? ulong.MaxValue).ThenBy(f => f.LocalIp).ThenBy(f => f.RemoteQpn))
        {
            ulong? Reg(int i) => f.Slot is { } s ? RegisterValue(values, registers[i], (long)s) : null;
            ulong? lastCnp = Reg(0), cnpTime = Reg(1), state = Reg(2), loopNum = Reg(3), alpha = Reg(4), cnpNum = Reg(5);
            bool inStore = f.LocalIp is { } lip && f.LocalQpn is { } lq && store.Contains((lip, lq));
            string status = state is { } st ? ((FlowState)st) switch
            {
                FlowState.Normal => "NORMAL",
                FlowState.Throttled => "THROTTLED",
                FlowState.Recover => "RECOVER",
                _ => "state " + st.ToString(CultureInfo.InvariantCulture),
            } : "-";
            var row = new List<string>
            {
                Ip(f.LocalIp), Qpn(f.LocalQpn, localQpnWidth), Ip(f.RemoteIp), Qpn(f.RemoteQpn, remoteQpnField.Bitwidth), Number(f.Slot),
                inStore ? "yes" : "no", Time(lastCnp), Time(cnpTime), status, Number(loopNum), Number(alpha), Number(cnpNum),
            };
            if (counted)
            {
                row.Add((f.Entry.CounterData?.PacketCount ?? 0).ToString(CultureInfo.InvariantCulture));
            }

            table.AddRow([.. row]);
            json.Add(new JsonObject
            {
                ["localIp"] = Ip(f.LocalIp),
                ["localQpn"] = f.LocalQpn,
                ["remoteIp"] = Ip(f.RemoteIp),
                ["remoteQpn"] = f.RemoteQpn,
                ["slot"] = f.Slot,
                ["cnpStore"] = inStore,
                ["lastCnpUs"] = lastCnp,
                ["cnpTimeUs"] = cnpTime,
                ["trpStatus"] = status,
                ["loopNum"] = loopNum,
                ["alpha"] = alpha,
                ["cnpNum"] = cnpNum,
                ["packets"] = counted ? f.Entry.CounterData?.PacketCount ?? 0 : null,
            });
        }

        report.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"{flows.Count} flows; {store.Count} {EswNames.CnpStore} entries; times are switch µs (0 = never); alpha 0 means alpha0; registers read via {values.Path}."));
        return report;
    }

    private static ulong? Exact(TableEntry entry, MatchField field)
    {
        FieldMatch? m = entry.Match.FirstOrDefault(x => x.FieldId == field.Id);
        return m?.Exact is { } exact ? ValueFormatter.TryDecode(exact.Value, field.Bitwidth) : null;
    }

    private static ulong? RegisterValue(RegisterValues values, Register register, long index) =>
        values.Get(register.Preamble.Id, index) is { } v ? ValueFormatter.TryDecode(v, RegisterAccess.WidthOf(register)) : null;

    private static string Ip(ulong? value) => value is { } v && v <= uint.MaxValue ? ValueFormatter.Ipv4((uint)v) : "-";

    private static string Qpn(ulong? value, int width) =>
        value is { } v ? "0x" + v.ToString("x" + ((width + 3) / 4).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "-";

    private static string Number(ulong? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "-";

    private static string Time(ulong? value) => value switch
    {
        null => "-",
        0 => "never",
        { } v => v.ToString(CultureInfo.InvariantCulture),
    };

    private sealed record Flow(TableEntry Entry, ulong? LocalIp, ulong? RemoteIp, ulong? RemoteQpn, ulong? LocalQpn, ulong? Slot);
}
