using Themis.P4.P4Info;

namespace Themis.P4.Tests.P4Info;

public sealed class P4RuntimeIdsTests
{
    // Ids p4c assigned in the P4 tutorials' basic.p4 P4Info (public and stable for years).
    [TestCase(P4RuntimeIds.Table, "MyIngress.ipv4_lpm", 37375156u)]
    [TestCase(P4RuntimeIds.Action, "MyIngress.ipv4_forward", 28792405u)]
    [TestCase(P4RuntimeIds.Action, "MyIngress.drop", 25652968u)]
    [TestCase(P4RuntimeIds.Action, "NoAction", 21257015u)]
    public void Compute_KnownNames_GivesP4cIds(uint prefix, string name, uint expected)
    {
        Assert.That(P4RuntimeIds.Compute(prefix, name, new HashSet<uint>()), Is.EqualTo(expected));
    }

    [Test]
    public void JenkinsOneAtATime_ReferenceValues_Match()
    {
        // Reference values of Bob Jenkins' one-at-a-time hash.
        Assert.That(P4RuntimeIds.JenkinsOneAtATime(""), Is.EqualTo(0u));
        Assert.That(P4RuntimeIds.JenkinsOneAtATime("a"), Is.EqualTo(0xca2e9442u));
        Assert.That(P4RuntimeIds.JenkinsOneAtATime("The quick brown fox jumps over the lazy dog"), Is.EqualTo(0x519e91f5u));
    }

    [Test]
    public void Compute_Collision_ProbesToNextFreeId()
    {
        uint first = P4RuntimeIds.Compute(P4RuntimeIds.Table, "t", new HashSet<uint>());
        var taken = new HashSet<uint> { first };
        uint second = P4RuntimeIds.Compute(P4RuntimeIds.Table, "t", taken);
        Assert.That(second, Is.EqualTo(first + 1));
        Assert.That(second >> 24, Is.EqualTo(P4RuntimeIds.Table));
    }

    [Test]
    public void Compute_CollisionAtTopOfRange_WrapsWithinLow24Bits()
    {
        uint hash = P4RuntimeIds.JenkinsOneAtATime("x");
        var taken = new HashSet<uint>();
        // Occupy every id from the hash position up to 0xFFFFFF so probing must wrap to 0.
        for (uint v = hash & 0xFFFFFF; v <= 0xFFFFFF && taken.Count < 5; v++)
        {
            taken.Add((P4RuntimeIds.Counter << 24) | v);
        }
        uint id = P4RuntimeIds.Compute(P4RuntimeIds.Counter, "x", taken);
        Assert.That(taken, Does.Not.Contain(id));
        Assert.That(id >> 24, Is.EqualTo(P4RuntimeIds.Counter));
    }
}
