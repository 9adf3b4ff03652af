using Themis.Switch.Runtime.Externs;

namespace Themis.Switch.Runtime.Tables;

/// <summary>
/// What a MODIFY can change in a table entry (action, metadata, idle timeout, direct counter and
/// meter), captured so a rolled-back batch can put it back.
/// </summary>
internal sealed class TableEntrySnapshot
{
    private readonly ActionCall _action;
    private readonly ulong _controllerMetadata;
    private readonly byte[] _metadata;
    private readonly long _idleTimeoutNs;
    private readonly (long Packets, long Bytes)? _counter;
    private readonly MeterConfig? _meter;

    public TableEntrySnapshot(TableEntryRecord entry)
    {
        _action = entry.Action;
        _controllerMetadata = entry.ControllerMetadata;
        _metadata = entry.Metadata;
        _idleTimeoutNs = entry.IdleTimeoutNs;
        _counter = entry.DirectCounter is { } c ? (c.Packets, c.Bytes) : null;
        _meter = entry.DirectMeter?.Config;
    }

    public void ApplyTo(TableEntryRecord entry)
    {
        entry.Action = _action;
        entry.ControllerMetadata = _controllerMetadata;
        entry.Metadata = _metadata;
        entry.IdleTimeoutNs = _idleTimeoutNs;
        if (_counter is { } c)
        {
            entry.DirectCounter?.Set(c.Packets, c.Bytes);
        }

        if (_meter is { } m)
        {
            entry.DirectMeter?.TryConfigure(m);
        }
        else
        {
            entry.DirectMeter?.Reset();
        }
    }
}
