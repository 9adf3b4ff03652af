using Themis.Controller.Internal;

namespace Themis.Controller.Tests.Internal;

public sealed class SlotAllocatorTests
{
    [Test]
    public void TryAllocate_AllSlots_NeverRepeatsAndThenFails()
    {
        var slots = new SlotAllocator(4);
        var seen = new HashSet<int>();
        for (int i = 0; i < 4; i++)
        {
            Assert.That(slots.TryAllocate(out int slot, out bool reset), Is.True);
            Assert.That(reset, Is.False, "a fresh allocator's registers are zero");
            Assert.That(seen.Add(slot), Is.True, $"slot {slot} handed out twice");
        }

        Assert.That(slots.TryAllocate(out int none, out _), Is.False);
        Assert.That(none, Is.EqualTo(-1));
        Assert.That(slots.InUse, Is.EqualTo(4));
    }

    [Test]
    public void Release_Slot_IsReusedLast()
    {
        var slots = new SlotAllocator(3);
        slots.TryAllocate(out int first, out _);
        slots.Release(first, registersReset: true);

        slots.TryAllocate(out int second, out _);
        slots.TryAllocate(out int third, out _);
        slots.TryAllocate(out int fourth, out _);

        Assert.That(new[] { second, third }, Does.Not.Contain(first));
        Assert.That(fourth, Is.EqualTo(first));
    }

    [Test]
    public void Release_Twice_Throws()
    {
        var slots = new SlotAllocator(2);
        slots.TryAllocate(out int slot, out _);
        slots.Release(slot, registersReset: true);

        Assert.That(() => slots.Release(slot, registersReset: true), Throws.InvalidOperationException);
    }

    [Test]
    public void Release_WithoutReset_NextAllocationAsksForReset()
    {
        var slots = new SlotAllocator(1);
        slots.TryAllocate(out int slot, out _);
        slots.Release(slot, registersReset: false);

        Assert.That(slots.TryAllocate(out _, out bool reset), Is.True);
        Assert.That(reset, Is.True);
    }

    [Test]
    public void Rebuild_ClaimedSlots_AreNotHandedOutAndDuplicatesRefused()
    {
        var slots = new SlotAllocator(4);
        IReadOnlyList<int> refused = slots.Rebuild([0, 2, 2, 9], freeSlotsClean: false);

        Assert.That(refused, Is.EqualTo(new[] { 2, 9 }));
        Assert.That(slots.InUse, Is.EqualTo(2));
        var handed = new List<int>();
        while (slots.TryAllocate(out int slot, out bool reset))
        {
            Assert.That(reset, Is.True, "free slots of a running switch may hold old state");
            handed.Add(slot);
        }

        Assert.That(handed, Is.EquivalentTo(new[] { 1, 3 }));
    }
}
