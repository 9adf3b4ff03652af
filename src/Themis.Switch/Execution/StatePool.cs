namespace Themis.Switch.Execution;

/// <summary>
/// Reuses the per-packet storage of one loaded program. The switch hands a packet's state back when
/// the packet leaves or is dropped, so steady traffic allocates no new cell arrays. Bounded: beyond
/// <see cref="Capacity"/> retained states, returned ones are left to the GC (a burst does not pin memory).
/// Not thread-safe, like the compiled pipeline it belongs to (one packet at a time, shared scratch
/// buffers): states are rented and returned by the pipeline loop, never concurrently.
/// </summary>
internal sealed class StatePool
{
    /// <summary>States kept for reuse; more than the packets one loop iteration has in flight.</summary>
    public const int Capacity = 256;

    private readonly StateLayout _layout;
    private readonly PacketState[] _items = new PacketState[Capacity];
    private int _count;

    public StatePool(StateLayout layout) => _layout = layout;

    /// <summary>A state with every cell zero (what BMv2 reads from fresh metadata and invalid headers).</summary>
    public PacketState Rent()
    {
        if (_count == 0)
        {
            return new PacketState(_layout, this);
        }

        PacketState state = _items[--_count];
        _items[_count] = null!;
        state.Reset();
        return state;
    }

    public void Return(PacketState state)
    {
        if (_count < Capacity)
        {
            _items[_count++] = state;
        }
    }
}
