using System.Numerics;
using Themis.Switch.Execution;

namespace Themis.Switch.Tests.Execution;

public sealed class StatePoolTests
{
    private static readonly StateLayout Layout = new()
    {
        Narrow = 6,
        Wide = 1,
        VarbitBytes = [4],
        HeaderNarrowEnd = 3,
        HeaderWideEnd = 1,
        HeaderVarbitEnd = 1,
        FieldLists = new Dictionary<int, (int[] Narrow, int[] Wide, int[] Varbit)> { [1] = ([4], [], []) },
    };

    [Test]
    public void Rent_AfterRelease_ReusesTheStateAllZero()
    {
        var pool = new StatePool(Layout);
        PacketState first = pool.Rent();
        Array.Fill(first.S, 7UL);
        first.W[0] = new BigInteger(99);
        first.V[0][1] = 5;
        first.Cursor = 40;
        first.Exited = true;
        first.Release();

        PacketState second = pool.Rent();

        Assert.That(second, Is.SameAs(first));
        Assert.That(second.S, Is.All.Zero);
        Assert.That(second.W[0], Is.EqualTo(BigInteger.Zero));
        Assert.That(second.V[0], Is.All.Zero);
        Assert.That(second.Cursor, Is.Zero);
        Assert.That(second.Exited, Is.False);
    }

    [Test]
    public void Release_Twice_HandsTheStateOutOnce()
    {
        var pool = new StatePool(Layout);
        PacketState state = pool.Rent();
        state.Release();
        state.Release();

        PacketState a = pool.Rent();
        PacketState b = pool.Rent();

        Assert.That(a, Is.SameAs(state));
        Assert.That(b, Is.Not.SameAs(state));
    }

    [Test]
    public void PreserveFieldList_FromPooledState_IsIndependentCopy()
    {
        var pool = new StatePool(Layout);
        PacketState original = pool.Rent();
        original.S[0] = 1;
        original.S[4] = 2;
        original.S[5] = 3;

        var copy = (PacketState)original.PreserveFieldList(1);
        original.Release();
        PacketState reused = pool.Rent();
        reused.S[4] = 9;

        Assert.That(copy, Is.Not.SameAs(reused));
        Assert.That(copy.S, Is.EqualTo(new ulong[] { 1, 0, 0, 0, 2, 0 }), "headers and the field list kept, other metadata reset");
    }
}
