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
/// has is modified instead), cache clears (control packets). Installs the switch refuses are reported to the
/// caller, which hands them back to the state (on its own thread: the state is not thread-safe and the serving
/// loop keeps deciding while a batch is in flight). One batch at a time, so the working lists are reused rather
/// than allocated per batch.
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
    private readonly List<(SwitchAction Action, Update Update)> _removals = [];
    private readonly List<(SwitchAction Action, Update Update)> _installs = [];
    private readonly List<(SwitchAction Action, Update Update)> _retries = [];
    private readonly List<(SwitchAction Action, UpdateFailure Failure)> _failures = [];
    private readonly List<(SwitchAction Action, UpdateFailure Failure)> _refusedWithCause = [];
    private readonly List<Update> _chunk = [];
    private readonly List<Task> _resets = [];

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

    /// <summary>
    /// Executes <paramref name="actions"/>; the installs the switch refused are added to <paramref name="refused"/>
    /// (give each to <see cref="EswState.OnInstallRefused"/>). Touches no state.
    /// </summary>
    public async Task ExecuteAsync(IReadOnlyList<SwitchAction> actions, List<SwitchAction> refused, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return;
        }

        // Phase 1: removals. NOT_FOUND means already gone, which is what we wanted.
        _removals.Clear();
        foreach (SwitchAction action in actions)
        {
            switch (action)
            {
                case RemoveQpEntry r:
                    _removals.Add((r, P4Entities.Delete(_program.QpFieldMatch(r.Key))));
                    break;
                case RemoveCnpStoreEntry r:
                    _removals.Add((r, P4Entities.Delete(_program.CnpStoreMatch(r.Qp))));
                    break;
            }
        }

        _failures.Clear();
        await WriteAsync(_removals, _failures, cancellationToken).ConfigureAwait(false);
        int removedQp = 0;
        int removedStore = 0;
        foreach ((SwitchAction action, _) in _removals)
        {
            if (Contains(_failures, action))
            {
                continue;
            }

            if (action is RemoveQpEntry)
            {
                removedQp++;
            }
            else
            {
                removedStore++;
            }
        }

        Count(_metrics.Removed, removedQp, removedStore);

        // Phase 2: register resets, awaited so no entry points at a slot before it is clean.
        _resets.Clear();
        foreach (SwitchAction action in actions)
        {
            switch (action)
            {
                case ResetSlot r:
                    _resets.Add(ControlAsync(ControlOp.ResetSlot, (uint)r.Slot, 0, cancellationToken));
                    break;
                case ClearVerifiedPair c:
                    await _control.SendAndForgetAsync(ControlOp.ClearPair, (uint)c.Index, 0, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        if (_resets.Count > 0)
        {
            await Task.WhenAll(_resets).ConfigureAwait(false);
        }

        // Phase 3: installs and the secrets.
        _installs.Clear();
        foreach (SwitchAction action in actions)
        {
            switch (action)
            {
                case InstallQpEntry i:
                    _installs.Add((i, P4Entities.Insert(_program.QpFieldEntry(i.Key, i.LocalQpn, i.Slot))));
                    break;
                case InstallCnpStoreEntry i:
                    _installs.Add((i, P4Entities.Insert(_program.CnpStoreEntry(i.Qp, i.Slot))));
                    break;
                case SetCookieSecrets s:
                    _installs.Add((s, P4Entities.Modify(_program.CookieSecretsDefault(s.Current, s.Previous))));
                    break;
            }
        }

        _failures.Clear();
        await WriteAsync(_installs, _failures, cancellationToken).ConfigureAwait(false);
        _refusedWithCause.Clear();
        if (_failures.Count > 0)
        {
            _retries.Clear();
            foreach ((SwitchAction action, UpdateFailure failure) in _failures)
            {
                if (failure.Code == StatusCode.AlreadyExists)
                {
                    _retries.Add((action, P4Entities.Modify(failure.Update.Entity)));
                }
                else
                {
                    _refusedWithCause.Add((action, failure));
                }
            }

            await WriteAsync(_retries, _refusedWithCause, cancellationToken).ConfigureAwait(false);
        }

        bool storeRefused = false;
        foreach ((SwitchAction action, _) in _refusedWithCause)
        {
            _metrics.WriteFailed(TableOf(action));
            refused.Add(action);
            storeRefused |= action is InstallCnpStoreEntry;
        }

        if (_refusedWithCause.Count > 0)
        {
            (SwitchAction firstAction, UpdateFailure first) = _refusedWithCause[0];
            _logger.WriteRefused(_refusedWithCause.Count, firstAction.ToString(), first.Code.ToString(), first.Message);
        }

        int installedQp = 0;
        int installedStore = 0;
        foreach ((SwitchAction action, _) in _installs)
        {
            if (action is SetCookieSecrets || Contains(_refusedWithCause, action))
            {
                continue;
            }

            if (action is InstallQpEntry)
            {
                installedQp++;
            }
            else
            {
                installedStore++;
            }
        }

        Count(_metrics.Installed, installedQp, installedStore);

        // Phase 4: cache clears, now that the exact entries are in place. When a cnp_store insert was refused
        // the cache cells stay: they keep throttling until overwritten, which beats not throttling at all.
        foreach (SwitchAction action in actions)
        {
            if (action is ResetCnpCache c && !storeRefused)
            {
                await _control.SendAndForgetAsync(ControlOp.ClearCacheIfMatch, (uint)c.Index, c.ExpectedEntry, cancellationToken).ConfigureAwait(false);
                _metrics.ControlPacket("clear_cache_if_match", ok: true);
            }
        }
    }

    /// <summary>Executes <paramref name="actions"/> outside the serving loop (set-up, rebuild): refusals go to the state at once.</summary>
    public async Task ExecuteAsync(IReadOnlyList<SwitchAction> actions, CancellationToken cancellationToken)
    {
        var refused = new List<SwitchAction>();
        await ExecuteAsync(actions, refused, cancellationToken).ConfigureAwait(false);
        var followUps = new List<SwitchAction>();
        foreach (SwitchAction action in refused)
        {
            _state.OnInstallRefused(action, followUps);
        }

        if (followUps.Count > 0)
        {
            await ExecuteAsync(followUps, [], cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool Contains(List<(SwitchAction Action, UpdateFailure Failure)> failures, SwitchAction action)
    {
        // Failures are few (usually none): a scan beats building a set per batch.
        foreach ((SwitchAction failed, _) in failures)
        {
            if (ReferenceEquals(failed, action))
            {
                return true;
            }
        }

        return false;
    }

    private static void Count(Action<string, int> metric, int qpField, int cnpStore)
    {
        if (qpField > 0)
        {
            metric(EswNames.QpField, qpField);
        }

        if (cnpStore > 0)
        {
            metric(EswNames.CnpStore, cnpStore);
        }
    }

    private async Task ControlAsync(ControlOp op, uint index, uint expected, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_controlTimeout);
        try
        {
            ControlHeader reply = await _control.SendAsync(op, index, expected, timeout.Token).ConfigureAwait(false);
            bool ok = reply.Status == ControlStatus.Ok;
            _metrics.ControlPacket(ControllerMetrics.CachedLabel(op.ToString()), ok);
            if (!ok)
            {
                _logger.ControlFailed(op.ToString(), index, reply.Status.ToString());
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _metrics.ControlPacket(ControllerMetrics.CachedLabel(op.ToString()), ok: false);
            _logger.ControlTimeout(op.ToString(), 0, index, s_controlTimeout);
        }
    }

    /// <summary>Writes <paramref name="updates"/> in requests of at most maxBatch; adds the refused ones to <paramref name="failures"/>.</summary>
    private async Task WriteAsync(
        List<(SwitchAction Action, Update Update)> updates, List<(SwitchAction Action, UpdateFailure Failure)> failures, CancellationToken cancellationToken)
    {
        for (int start = 0; start < updates.Count; start += _maxBatch)
        {
            int count = Math.Min(_maxBatch, updates.Count - start);
            _chunk.Clear();
            for (int i = start; i < start + count; i++)
            {
                _chunk.Add(updates[i].Update);
            }

            long began = Stopwatch.GetTimestamp();
            try
            {
                await _client.WriteAsync(_chunk, WriteRequest.Types.Atomicity.ContinueOnError, cancellationToken).ConfigureAwait(false);
            }
            catch (P4RuntimeWriteException e) when (e.Failures.Count > 0)
            {
                foreach (UpdateFailure failure in e.Failures)
                {
                    if (failure.Index >= 0 && failure.Index < count
                        && !(failure.Code == StatusCode.NotFound && failure.Update.Type == Update.Types.Type.Delete))
                    {
                        failures.Add((updates[start + failure.Index].Action, failure));
                    }
                }
            }
            finally
            {
                _metrics.WriteLatency(Stopwatch.GetElapsedTime(began), count);
            }
        }
    }

    private static string TableOf(SwitchAction action) => action switch
    {
        InstallQpEntry or RemoveQpEntry => EswNames.QpField,
        InstallCnpStoreEntry or RemoveCnpStoreEntry => EswNames.CnpStore,
        _ => EswNames.CookieSecrets,
    };
}
