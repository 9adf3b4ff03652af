using Microsoft.Extensions.Time.Testing;
using Themis.Controller.Internal;

namespace Themis.Controller.Tests.Internal;

public sealed class HostPairSetTests
{
    private static readonly HostPair s_a = new(0x0A000101, 0x0A020101);
    private static readonly HostPair s_b = new(0x0A000102, 0x0A020101);
    private static readonly HostPair s_c = new(0x0A000103, 0x0A020101);

    [Test]
    public void AddOrRefresh_AfterTtl_PairExpires()
    {
        var time = new FakeTimeProvider();
        var pairs = new HostPairSet(TimeSpan.FromSeconds(10), 16, time);

        Assert.That(pairs.AddOrRefresh(s_a), Is.True);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.That(pairs.Contains(s_a), Is.True);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(pairs.Contains(s_a), Is.False);
        Assert.That(pairs.RemoveExpired(), Is.EqualTo(new[] { s_a }));
        Assert.That(pairs.Count, Is.Zero);
    }

    [Test]
    public void AddOrRefresh_Refresh_ExtendsLifetime()
    {
        var time = new FakeTimeProvider();
        var pairs = new HostPairSet(TimeSpan.FromSeconds(10), 16, time);
        pairs.AddOrRefresh(s_a);
        time.Advance(TimeSpan.FromSeconds(8));

        Assert.That(pairs.AddOrRefresh(s_a), Is.False, "a refresh is not a new pair");
        time.Advance(TimeSpan.FromSeconds(8));

        Assert.That(pairs.RemoveExpired(), Is.Empty);
        Assert.That(pairs.Contains(s_a), Is.True);
    }

    [Test]
    public void AddOrRefresh_Direction_Matters()
    {
        var pairs = new HostPairSet(TimeSpan.FromSeconds(10), 16, new FakeTimeProvider());
        pairs.AddOrRefresh(s_a);

        Assert.That(pairs.Contains(new HostPair(s_a.Remote, s_a.Local)), Is.False);
    }

    [Test]
    public void AddOrRefresh_AtCapacity_EvictsClosestToExpiry()
    {
        var time = new FakeTimeProvider();
        var pairs = new HostPairSet(TimeSpan.FromSeconds(10), 2, time);
        pairs.AddOrRefresh(s_a);
        time.Advance(TimeSpan.FromSeconds(1));
        pairs.AddOrRefresh(s_b);
        time.Advance(TimeSpan.FromSeconds(1));

        pairs.AddOrRefresh(s_c);

        Assert.That(pairs.Count, Is.EqualTo(2));
        Assert.That(pairs.Contains(s_a), Is.False);
        Assert.That(pairs.Contains(s_b) && pairs.Contains(s_c), Is.True);
    }

    [Test]
    public void AddOrRefresh_ManyRefreshes_HeapStaysBounded()
    {
        var time = new FakeTimeProvider();
        var pairs = new HostPairSet(TimeSpan.FromSeconds(10), 4, time);
        for (int i = 0; i < 10_000; i++)
        {
            pairs.AddOrRefresh(s_a);
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.That(pairs.Count, Is.EqualTo(1));
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.That(pairs.RemoveExpired(), Is.EqualTo(new[] { s_a }));
    }
}
