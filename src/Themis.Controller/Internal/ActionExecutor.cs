using System.Diagnostics;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using P4.V1;
using Themis.P4Runtime;
using Themis.P4Runtime.Entities;
using Themis.Packets.SwitchInternal;

namespace Themis.Controller.Internal;

/// <summary>
/// Carries out the <see cref="SwitchAction"/>s of one batch, in four phases: removals (one Write), slot
/// resets and pair clears (control packets, resets awaited), installs (one Write; an entry the switch already
/// has is modified instead), cache clears (control packets). Installs the switch refuses are handed back to
/// the state so their slots are freed.
/// </summary>
internal sealed class ActionExecutor
{
    private static readonly TimeSpan s_controlTimeout = TimeSpan.FromSeconds(2);

    private readonly P4RuntimeClient _client;
    private readonly SwitchProgram _program;
    private readonly ControlChannel _control;
    private readonly EswState _state;
    private readonly ControllerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _maxBatch;

    public ActionExecutor(
        P4RuntimeClient client, SwitchProgram program, ControlChannel control, EswState state,
        ControllerMetrics metrics, ILogger logger, int maxBatch)
    {
        _client = client;
        _program = program;
        _control = control;
        _state = state;
        _metrics = metrics;
        _logger = logger;
        _maxBatch = maxBatch;
    }

    /// <summary>Executes <paramref name="actions"/>; returns the installs that took effect.</summary>
    public async Task<IReadOnlyList<SwitchAction>> ExecuteAsync(IReadOnlyList<SwitchAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return [];
        }

        // Phase 1: removals. NOT_FOUND means already gone, which is what we wanted.
        var removals = new List<(SwitchAction Action, Update Update)>();
        foreach (SwitchAction action in actions)
        {
            switch (action)
            {
                case RemoveQpEntry r:
                    removals.Add((r, P4Entities.Delete(_program.QpFieldMatch(r.Key))));
                    break;
                case RemoveCnpStoreEntry r:
                    removals.Add((r, P4Entities.Delete(_program.CnpStoreMatch(r.Qp))));
                    break;
            }
        }

        IReadOnlyList<(SwitchAction Action, UpdateFailure Failure)> removeFailures = await WriteAsync(removals, cancellationToken).ConfigureAwait(false);
        foreach ((SwitchAction action, _) in removals)
        {
            if (!removeFailures.Any(f => ReferenceEquals(f.Action, action)))
            {
                _metrics.Removed(TableOf(action));
            }
        }

        // Phase 2: register resets, awaited so no entry points at a slot before it is clean.
        var resets = new List<Task>();
        foreach (SwitchAction action in actions)
        {
            switch (action)
            {
                case ResetSlot r:
                    resets.Add(ControlAsync(ControlOp.ResetSlot, (uint)r.Slot, 0, cancellationToken));
                    break;
                case ClearVerifiedPair c:
                    await _control.SendAndForgetAsync(ControlOp.ClearPair, (uint)c.Index, 0, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        await Task.WhenAll(resets).ConfigureAwait(false);

        // Phase 3: installs and the secrets.
        var installs = new List<(SwitchAction Action, Update Update)>();
        foreach (SwitchAction action in actions)
        {
            switch (action)
            {
                case InstallQpEntry i:
                    installs.Add((i, P4Entities.Insert(_program.QpFieldEntry(i.Key, i.LocalQpn, i.Slot))));
                    break;
                case InstallCnpStoreEntry i:
                    installs.Add((i, P4Entities.Insert(_program.CnpStoreEntry(i.Qp, i.Slot))));
                    break;
                case SetCookieSecrets s:
                    installs.Add((s, P4Entities.Modify(_program.CookieSecretsDefault(s.Current, s.Previous))));
                    break;
            }
        }

        IReadOnlyList<(SwitchAction Action, UpdateFailure Failure)> failures = await WriteAsync(installs, cancellationToken).ConfigureAwait(false);
        var retries = failures
            .Where(f => f.Failure.Code == StatusCode.AlreadyExists)
            .Select(f => (f.Action, P4Entities.Modify(f.Failure.Update.Entity)))
            .ToList();
        var refused = failures.Where(f => f.Failure.Code != StatusCode.AlreadyExists).ToList();
        refused.AddRange(await WriteAsync(retries, cancellationToken).ConfigureAwait(false));
        foreach ((SwitchAction action, UpdateFailure failure) in refused)
        {
            _metrics.WriteFailed(TableOf(action));
            _state.OnInstallRefused(action);
        }

        if (refused.Count > 0)
        {
            UpdateFailure first = refused[0].Failure;
            _logger.WriteRefused(refused.Count, refused[0].Action.ToString(), first.Code.ToString(), first.Message);
        }

        var done = new List<SwitchAction>(installs.Count);
        foreach ((SwitchAction action, _) in installs)
        {
            if (!refused.Any(f => ReferenceEquals(f.Action, action)))
            {
                done.Add(action);
                if (action is not SetCookieSecrets)
                {
                    _metrics.Installed(TableOf(action));
                }
            }
        }

        // Phase 4: cache clears, now that the exact entries are in place. When a cnp_store insert was refused
        // the cache cells stay: they keep throttling until overwritten, which beats not throttling at all.
        bool storeRefused = refused.Any(f => f.Action is InstallCnpStoreEntry);
        foreach (SwitchAction action in actions)
        {
            if (action is ResetCnpCache c && !storeRefused)
            {
                await _control.SendAndForgetAsync(ControlOp.ClearCacheIfMatch, (uint)c.Index, c.ExpectedEntry, cancellationToken).ConfigureAwait(false);
                _metrics.ControlPacket("clear_cache_if_match", ok: true);
            }
        }

        return done;
    }

    private async Task ControlAsync(ControlOp op, uint index, uint expected, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_controlTimeout);
        try
        {
            ControlHeader reply = await _control.SendAsync(op, index, expected, timeout.Token).ConfigureAwait(false);
            bool ok = reply.Status == ControlStatus.Ok;
            _metrics.ControlPacket(ControllerMetrics.Label(op.ToString()), ok);
            if (!ok)
            {
                _logger.ControlFailed(op.ToString(), index, reply.Status.ToString());
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _metrics.ControlPacket(ControllerMetrics.Label(op.ToString()), ok: false);
            _logger.ControlTimeout(op.ToString(), 0, index, s_controlTimeout);
        }
    }

    private async Task<IReadOnlyList<(SwitchAction Action, UpdateFailure Failure)>> WriteAsync(
        List<(SwitchAction Action, Update Update)> updates, CancellationToken cancellationToken)
    {
        var failures = new List<(SwitchAction, UpdateFailure)>();
        for (int start = 0; start < updates.Count; start += _maxBatch)
        {
            List<(SwitchAction Action, Update Update)> chunk = updates.GetRange(start, Math.Min(_maxBatch, updates.Count - start));
            long began = Stopwatch.GetTimestamp();
            try
            {
                await _client.WriteAsync(chunk.Select(u => u.Update), WriteRequest.Types.Atomicity.ContinueOnError, cancellationToken).ConfigureAwait(false);
            }
            catch (P4RuntimeWriteException e) when (e.Failures.Count > 0)
            {
                foreach (UpdateFailure failure in e.Failures)
                {
                    if (failure.Index >= 0 && failure.Index < chunk.Count
                        && !(failure.Code == StatusCode.NotFound && failure.Update.Type == Update.Types.Type.Delete))
                    {
                        failures.Add((chunk[failure.Index].Action, failure));
                    }
                }
            }
            finally
            {
                _metrics.WriteLatency(Stopwatch.GetElapsedTime(began));
            }
        }

        return failures;
    }

    private static string TableOf(SwitchAction action) => action switch
    {
        InstallQpEntry or RemoveQpEntry => EswNames.QpField,
        InstallCnpStoreEntry or RemoveCnpStoreEntry => EswNames.CnpStore,
        _ => EswNames.CookieSecrets,
    };
}
