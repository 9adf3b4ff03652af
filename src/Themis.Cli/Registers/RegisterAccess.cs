using Google.Protobuf;
using Grpc.Core;
using P4.Config.V1;
using P4.V1;
using Themis.Cli.Connection;
using Themis.Cli.Esw;
using Themis.P4Runtime;
using Themis.P4Runtime.Encoding;
using Themis.P4Runtime.Info;
using Themis.Packets.SwitchInternal;

namespace Themis.Cli.Registers;

/// <summary>
/// Reads and resets registers: with P4Runtime RegisterEntry requests where the switch serves them, and with the
/// ESW's control packets where it answers UNIMPLEMENTED (BMv2's PI server, the embedded switch in strict mode),
/// transparently. --verbose says which path was used.
/// </summary>
internal sealed class RegisterAccess(SwitchSession session, P4InfoIndex index)
{
    public const string P4RuntimePath = "p4runtime";
    public const string ControlPacketPath = "control-packets";

    private const string NoFallback = " (--register-path p4runtime: not falling back to the ESW's control packets; 'auto' would.)";

    private ControlPacketChannel? _channel;

    /// <summary>The bit width of a register holding a plain <c>bit&lt;W&gt;</c> value.</summary>
    public static int WidthOf(Register register) => register.TypeSpec?.Bitstring?.Bit?.Bitwidth ?? 0;

    /// <summary>Reads <paramref name="indices"/> of every register in <paramref name="registers"/>.</summary>
    public async Task<RegisterValues> ReadAsync(IReadOnlyList<Register> registers, IReadOnlyList<long> indices, CancellationToken cancellationToken)
    {
        var filters = new List<Entity>();
        foreach (Register register in registers)
        {
            filters.AddRange(indices.Select(i => new Entity
            {
                RegisterEntry = new RegisterEntry { RegisterId = register.Preamble.Id, Index = new P4.V1.Index { Index_ = i } },
            }));
        }

        RegisterPathMode mode = session.Settings.RegisterPath;
        if (mode == RegisterPathMode.ControlPackets)
        {
            session.Verbose("--register-path control-packets: reading through the ESW's control packets");
            return await ReadByControlPacketsAsync(registers, indices, cancellationToken).ConfigureAwait(false);
        }

        List<Entity> entities;
        try
        {
            entities = await session.ReadAsync(filters, "registers", cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex) when (ex.Status == StatusCode.Unimplemented && mode == RegisterPathMode.Auto)
        {
            session.Verbose("the switch answered UNIMPLEMENTED to P4Runtime RegisterEntry reads (BMv2 / strict mode); "
                + "reading through the ESW's read-slot control packets instead");
            return await ReadByControlPacketsAsync(registers, indices, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex) when (ex.Status == StatusCode.Unimplemented)
        {
            throw new CliException(ex.ExitCode, ex.Message + NoFallback, status: ex.Status, innerException: ex);
        }

        session.Verbose($"registers read with P4Runtime RegisterEntry reads ({filters.Count} cells)");
        var values = new RegisterValues(P4RuntimePath);
        foreach (Entity entity in entities)
        {
            RegisterEntry entry = entity.RegisterEntry;
            if (entry?.Data?.Bitstring is { } bits && entry.Index is not null)
            {
                values.Set(entry.RegisterId, entry.Index.Index_, bits);
            }
        }

        return values;
    }

    /// <summary>Zeroes cells FROM..TO of a register.</summary>
    /// <returns>The path used, and a note when the control packets reset more than the one register.</returns>
    public async Task<(string Path, string? Note)> ResetAsync(Register register, long from, long to, CancellationToken cancellationToken)
    {
        int width = WidthOf(register);
        if (width == 0)
        {
            throw CliException.Refused($"Register '{register.Preamble.Name}' holds a struct, not a bit<W> value; themisctl cannot reset it.");
        }

        RegisterPathMode mode = session.Settings.RegisterPath;
        if (mode == RegisterPathMode.ControlPackets)
        {
            session.Verbose("--register-path control-packets: resetting through the ESW's control packets");
            return await ResetByControlPacketsAsync(register, from, to, cancellationToken).ConfigureAwait(false);
        }

        P4RuntimeClient client = await session.GetPrimaryAsync($"reset-register {register.Preamble.Name}", cancellationToken).ConfigureAwait(false);
        var updates = new List<Update>();
        for (long i = from; i <= to; i++)
        {
            updates.Add(new Update
            {
                Type = Update.Types.Type.Modify,
                Entity = new Entity
                {
                    RegisterEntry = new RegisterEntry
                    {
                        RegisterId = register.Preamble.Id,
                        Index = new P4.V1.Index { Index_ = i },
                        Data = new P4Data { Bitstring = P4Bytes.Encode(0UL, width) },
                    },
                },
            });
        }

        try
        {
            foreach (Update[] batch in updates.Chunk(256))
            {
                await client.WriteAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            session.Verbose($"reset {updates.Count} cells with P4Runtime RegisterEntry writes");
            return (P4RuntimePath, null);
        }
        catch (P4RuntimeException ex) when (IsUnimplemented(ex) && mode == RegisterPathMode.Auto)
        {
            session.Verbose("the switch answered UNIMPLEMENTED to P4Runtime RegisterEntry writes (BMv2 / strict mode); "
                + "resetting through the ESW's control packets instead");
        }
        catch (P4RuntimeException ex)
        {
            CliException failure = SwitchErrors.FromClient(ex, $"Resetting {register.Preamble.Name}", session.Settings);
            throw IsUnimplemented(ex) ? new CliException(failure.ExitCode, failure.Message + NoFallback, status: StatusCode.Unimplemented, innerException: ex) : failure;
        }

        return await ResetByControlPacketsAsync(register, from, to, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(string Path, string? Note)> ResetByControlPacketsAsync(Register register, long from, long to, CancellationToken cancellationToken)
    {
        (ControlOp op, string? note) = ResetOpFor(register.Preamble.Name);
        ControlPacketChannel channel = await ChannelAsync($"reset-register {register.Preamble.Name}", cancellationToken).ConfigureAwait(false);
        for (long i = from; i <= to; i++)
        {
            ControlHeader reply = await channel.ExecuteAsync(op, (uint)i, cancellationToken).ConfigureAwait(false);
            CheckStatus(reply, op, i);
        }

        return (ControlPacketPath, note);
    }

    private static bool IsUnimplemented(P4RuntimeException ex) =>
        ex.StatusCode == StatusCode.Unimplemented
        || (ex is P4RuntimeWriteException write && write.Failures.Count > 0 && write.Failures.All(f => f.Code == StatusCode.Unimplemented));

    private (ControlOp Op, string? Note) ResetOpFor(string registerName)
    {
        if (IsRegister(EswNames.CnpCache, registerName))
        {
            return (ControlOp.ClearCache, null);
        }

        if (IsRegister(EswNames.VerifiedPairs, registerName))
        {
            return (ControlOp.ClearPair, null);
        }

        if (EswNames.SlotRegisters.Any(n => IsRegister(n, registerName)))
        {
            return (ControlOp.ResetSlot, $"Reset through control packets: the ESW's reset-slot control packet "
                + $"zeroed every per-slot register ({string.Join(", ", EswNames.SlotRegisters)}) of these slots.");
        }

        throw CliException.Refused(
            $"{WhyControlPackets("writes")}, and the ESW has no control packet that resets "
            + $"'{registerName}' (control packets reset the per-slot registers, {EswNames.CnpCache} and {EswNames.VerifiedPairs}).",
            StatusCode.Unimplemented);
    }

    private async Task<RegisterValues> ReadByControlPacketsAsync(IReadOnlyList<Register> registers, IReadOnlyList<long> indices, CancellationToken cancellationToken)
    {
        bool anySlot = false, anyCache = false;
        foreach (Register register in registers)
        {
            string name = register.Preamble.Name;
            if (EswNames.SlotRegisters.Any(n => IsRegister(n, name)))
            {
                anySlot = true;
            }
            else if (IsRegister(EswNames.CnpCache, name))
            {
                anyCache = true;
            }
            else
            {
                throw CliException.Refused(
                    $"{WhyControlPackets("reads")}, and the ESW has no control "
                    + $"packet that reads '{name}' (read-slot covers {string.Join(", ", EswNames.SlotRegisters)}; read-cache covers {EswNames.CnpCache})."
                    + (IsRegister(EswNames.VerifiedPairs, name) ? " For verified pairs, ask the controller: themisctl pairs --controller URL." : ""),
                    StatusCode.Unimplemented);
            }
        }

        ControlPacketChannel channel = await ChannelAsync("Reading registers through the ESW's control packets", cancellationToken).ConfigureAwait(false);
        var values = new RegisterValues(ControlPacketPath);
        foreach (long i in indices)
        {
            if (anySlot)
            {
                ControlHeader reply = await channel.ExecuteAsync(ControlOp.ReadSlot, (uint)i, cancellationToken).ConfigureAwait(false);
                CheckStatus(reply, ControlOp.ReadSlot, i);
                foreach (Register register in registers)
                {
                    if (SlotValue(register.Preamble.Name, reply) is { } v)
                    {
                        values.Set(register.Preamble.Id, i, P4Bytes.Encode(v, WidthOf(register)));
                    }
                }
            }

            if (anyCache)
            {
                ControlHeader reply = await channel.ExecuteAsync(ControlOp.ReadCache, (uint)i, cancellationToken).ConfigureAwait(false);
                CheckStatus(reply, ControlOp.ReadCache, i);
                Register cache = registers.First(r => IsRegister(EswNames.CnpCache, r.Preamble.Name));
                values.Set(cache.Preamble.Id, i, P4Bytes.Encode(reply.CacheEntry, WidthOf(cache)));
            }
        }

        session.Verbose($"registers read with {indices.Count * ((anySlot ? 1 : 0) + (anyCache ? 1 : 0))} control packets");
        return values;
    }

    /// <summary>Why the control packets are the path: the switch refused, or the operator chose them.</summary>
    private string WhyControlPackets(string access) => session.Settings.RegisterPath == RegisterPathMode.ControlPackets
        ? $"--register-path control-packets sends register {access} as the ESW's control packets"
        : $"The switch refuses P4Runtime register {access} (UNIMPLEMENTED: BMv2 / strict mode)";

    private static ulong? SlotValue(string registerName, ControlHeader reply)
    {
        (string Name, ulong Value)[] map =
        [
            (EswNames.FlowState, (ulong)reply.FlowState),
            (EswNames.LoopNum, reply.LoopNum),
            (EswNames.Alpha, reply.Alpha),
            (EswNames.CnpNum, reply.CnpNum),
            (EswNames.CnpTime, reply.CnpTime),
            (EswNames.LastCnp, reply.LastCnp),
            (EswNames.LastPsn, reply.LastPsn),
            (EswNames.InLoop, reply.InLoop),
        ];
        foreach ((string name, ulong value) in map)
        {
            if (IsRegister(name, registerName))
            {
                return value;
            }
        }

        return null;
    }

    private static void CheckStatus(ControlHeader reply, ControlOp op, long index)
    {
        if (reply.Status != ControlStatus.Ok)
        {
            throw CliException.Refused($"The switch answered the {op} control packet for index {index} with status {reply.Status}.");
        }
    }

    /// <summary>True when a P4Info name (possibly with a control prefix) is the ESW register <paramref name="eswName"/>.</summary>
    private static bool IsRegister(string eswName, string p4InfoName) =>
        p4InfoName == eswName || p4InfoName.EndsWith("." + eswName, StringComparison.Ordinal);

    private async Task<ControlPacketChannel> ChannelAsync(string purpose, CancellationToken cancellationToken) =>
        _channel ??= await ControlPacketChannel.OpenAsync(session, index, purpose, cancellationToken).ConfigureAwait(false);
}
