using System.Numerics;
using Themis.Switch.Pipeline;

namespace Themis.Switch.Execution;

/// <summary>
/// The per-packet storage of a compiled program: every header field, metadata field and local lives in
/// a cell chosen at compile time — narrow cells (<c>ulong</c>, values masked to their width), wide cells
/// for bit strings over 64 bits, and varbit cells. Fresh cells are zero, which is also what BMv2 reads
/// from uninitialised metadata, locals and invalid headers.
/// </summary>
internal sealed class PacketState : IPacketState
{
    private readonly StateLayout _layout;
    private readonly StatePool? _pool;
    private bool _pooled;

    public PacketState(StateLayout layout, StatePool? pool = null)
    {
        _layout = layout;
        _pool = pool;
        S = new ulong[layout.Narrow];
        W = layout.Wide == 0 ? [] : new BigInteger[layout.Wide];
        V = layout.VarbitBytes.Count == 0 ? [] : [.. layout.VarbitBytes.Select(n => new byte[n])];
    }

    /// <summary>Narrow cells.</summary>
    public ulong[] S;

    /// <summary>Wide cells.</summary>
    public BigInteger[] W;

    /// <summary>Varbit cells (MSB-first bytes; the length in bits is in a narrow cell).</summary>
    public byte[][] V;

    /// <summary>The packet being processed in the current stage.</summary>
    public PacketContext? Packet;

    /// <summary>The bytes the parser reads and the deparser appends the payload from.</summary>
    public byte[] Data = [];

    /// <summary>Parser position in bits.</summary>
    public int Cursor;

    /// <summary>Where the unparsed payload starts in <see cref="Data"/>, in bytes.</summary>
    public int PayloadOffset;

    /// <summary>The parser error to report when the parser rejects.</summary>
    public ulong ParserError;

    /// <summary>Set when a parser expression (lookahead) ran out of packet: the parser goes to reject.</summary>
    public bool Rejected;

    /// <summary>Set by <c>exit</c>: the rest of the current control is skipped.</summary>
    public bool Exited;

    /// <summary>Result of the last direct meter execution (for <c>direct_meter.read</c>), and whether the entry had one.</summary>
    public ulong DirectMeterColor;

    public bool DirectMeterValid;

    /// <summary>The field list this state was made for by <see cref="PreserveFieldList"/> (-1: none; null: not a copy).</summary>
    public int? PreservedFieldList;

    /// <summary>The trace of the current packet, or null.</summary>
    public PacketTrace? Trace => Packet?.Trace;

    /// <inheritdoc />
    public IPacketState Clone()
    {
        PacketState copy = New();
        S.CopyTo(copy.S, 0);
        W.CopyTo(copy.W, 0);
        for (int i = 0; i < V.Length; i++)
        {
            V[i].CopyTo(copy.V[i], 0);
        }

        copy.Data = Data;
        copy.PayloadOffset = PayloadOffset;
        return copy;
    }

    /// <inheritdoc />
    public void Release()
    {
        // A state released twice would be handed to two packets; the flag makes a second release harmless.
        if (_pool is null || _pooled)
        {
            return;
        }

        _pooled = true;
        Packet = null;
        Data = [];
        _pool.Return(this);
    }

    /// <summary>Zeroes every cell and field (a state taken from the pool looks freshly allocated).</summary>
    public void Reset()
    {
        _pooled = false;
        Array.Clear(S);
        Array.Clear(W);
        foreach (byte[] v in V)
        {
            Array.Clear(v);
        }

        Packet = null;
        Data = [];
        Cursor = 0;
        PayloadOffset = 0;
        ParserError = 0;
        Rejected = false;
        Exited = false;
        DirectMeterColor = 0;
        DirectMeterValid = false;
        PreservedFieldList = null;
    }

    /// <summary>
    /// A copy for a clone, resubmit or recirculation: metadata reset except the fields of
    /// <c>@field_list(index)</c>. Headers are kept — an egress-to-egress clone carries the headers as
    /// egress left them (BMv2 copies the PHV and resets its metadata); the other kinds parse again.
    /// </summary>
    public IPacketState PreserveFieldList(int fieldListIndex)
    {
        PacketState copy = New();
        copy.Data = Data;
        copy.PayloadOffset = PayloadOffset;
        copy.PreservedFieldList = fieldListIndex;
        Array.Copy(S, copy.S, _layout.HeaderNarrowEnd);
        Array.Copy(W, copy.W, _layout.HeaderWideEnd);
        for (int i = 0; i < _layout.HeaderVarbitEnd; i++)
        {
            V[i].CopyTo(copy.V[i], 0);
        }

        CopyFieldList(this, copy, fieldListIndex);
        return copy;
    }

    /// <summary>A zeroed state of the same layout, from the pool when there is one.</summary>
    private PacketState New() => _pool?.Rent() ?? new PacketState(_layout);

    /// <summary>Copies the cells of field list <paramref name="index"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static void CopyFieldList(PacketState from, PacketState to, int index)
    {
        if (!from._layout.FieldLists.TryGetValue(index, out (int[] Narrow, int[] Wide, int[] Varbit) cells))
        {
            return;
        }

        foreach (int i in cells.Narrow)
        {
            to.S[i] = from.S[i];
        }

        foreach (int i in cells.Wide)
        {
            to.W[i] = from.W[i];
        }

        foreach (int i in cells.Varbit)
        {
            from.V[i].CopyTo(to.V[i], 0);
        }
    }

    /// <summary>Invalidates every header (and zeroes header fields) before a parse.</summary>
    public void ResetHeaders()
    {
        Array.Clear(S, 0, _layout.HeaderNarrowEnd);
        Array.Clear(W, 0, _layout.HeaderWideEnd);
    }
}
