using Themis.Esw.Tests.Support;
using Themis.Packets.SwitchInternal;
using static Themis.Esw.Tests.Support.EswTopology;

namespace Themis.Esw.Tests.Trp;

/// <summary>
/// cnp_cache covers the first millisecond; then the controller inserts cnp_store from the CNP copy and clears the
/// cache slot (CLEAR_CACHE_IF_MATCH), and data keeps being throttled through the table.
/// </summary>
[TestFixture(Target.Embedded)]
[TestFixture(Target.Remote, Category = "Bmv2")]
public sealed class CnpStoreTests(Target target) : TrpTestBase(target)
{
    [SetUp]
    public Task LongBetaAsync() => SetParamsAsync(EswParams.Baseline with { BetaUs = 60_000_000 });

    [Test]
    public async Task Data_AfterControllerInsertAndCacheReset_ThrottledThroughCnpStore()
    {
        await RegisterFlowAsync();
        PacketInInfo copy = await SendCnpAsync();

        // What the controller does with the copy.
        await InsertCnpStoreAsync(HostA.Ip, copy.LocalQpn, copy.Slot);
        ControlHeader cleared = await ControlAsync(ControlOp.ClearCacheIfMatch, copy.CacheIndex, copy.CacheEntry);
        Assert.That((cleared.Status, cleared.CacheEntry), Is.EqualTo((ControlStatus.Ok, copy.CacheEntry)));
        Assert.That(await ReadCacheAsync(copy.CacheIndex), Is.Zero);

        await SendPacketAsync(WanPort, Data(1));

        await ExpectPacketAsync(DcPortA, Delivered(1));
        Assert.That(Switch.Loop.LoopedPackets.Select(p => p.Header.Slot), Is.EqualTo(new[] { Slot }));
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.TrpStoreHit, 1), (EswEvent.TrpCacheHit, 0), (EswEvent.TrpThrottled, 1));
    }

    [Test]
    public async Task ClearCacheIfMatch_EntryMeanwhileReplaced_LeftAlone()
    {
        await RegisterFlowAsync();
        PacketInInfo copy = await SendCnpAsync();

        ControlHeader reply = await ControlAsync(ControlOp.ClearCacheIfMatch, copy.CacheIndex, copy.CacheEntry ^ 0x0001_0000);

        Assert.That(reply.Status, Is.EqualTo(ControlStatus.NotMatched));
        Assert.That(await ReadCacheAsync(copy.CacheIndex), Is.EqualTo(copy.CacheEntry));
        await SendPacketAsync(WanPort, Data(2));
        await ExpectPacketAsync(DcPortA, Delivered(2));
        await ExpectEventsAsync((EswEvent.TrpCacheHit, 1));
    }

    [Test]
    public async Task Data_NeitherCacheNorStore_DeliveredDirectly()
    {
        await RegisterFlowAsync();

        await SendPacketAsync(WanPort, Data(3));

        await ExpectPacketAsync(DcPortA, Delivered(3));
        Assert.That(Switch.Loop.Log, Is.Empty);
        await ExpectNoOtherPacketsAsync();
        await ExpectEventsAsync((EswEvent.TrpCacheHit, 0), (EswEvent.TrpStoreHit, 0));
    }
}
