using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;
using Themis.Switch.Runtime.Tables;
using Themis.Switch.Tests.Packets.Support;

namespace Themis.Switch.Tests.Engine;

/// <summary>Control work queued into the pipeline loop (what DATAPLANE_ATOMIC batches and reconcile use).</summary>
[Category("Packet")]
public sealed class RunBetweenPacketsTests
{
    private static async Task<(SoftwareSwitch Switch, InMemoryPort In, InMemoryPort Out)> StartAsync()
    {
        var sw = new SoftwareSwitch(new SwitchOptions { CpuPort = 255 });
        SwitchState state = sw.Load(new P4PipelineCompiler().CompileFile(ProgramHost.DataFile("basic_ipv4.p4")).Definition!);
        uint forward = state.Definition.P4Info.Actions.Single(a => a.Preamble.Name == "IngressImpl.forward").Preamble.Id;
        state.TableByName("IngressImpl.routing_v4").Insert(new TableEntryRecord([KeyFieldMatch.Lpm([10, 0, 0, 0], 8, 32)], 0, new ActionCall(forward, [[0, 0, 0, 0, 0, 0x22], [0, 2]]), TimeProvider.System));
        InMemoryPort input = sw.AddInMemoryPort(1), output = sw.AddInMemoryPort(2);
        sw.Start();
        await Task.Yield();
        return (sw, input, output);
    }

    [Test]
    public async Task RunBetweenPackets_AfterQueuedFrames_SeesEveryEarlierFrameFinishedAndNoLaterOne()
    {
        (SoftwareSwitch sw, InMemoryPort input, _) = await StartAsync();
        await using (sw)
        {
            for (int i = 0; i < 200; i++)
            {
                input.Inject(Frames.Ipv4Udp(0x0a000001));
            }

            long seen = await sw.RunBetweenPacketsAsync(() =>
            {
                // Frames queued now wait until this work returns.
                input.Inject(Frames.Ipv4Udp(0x0a000001));
                return sw.Counters.Transmitted;
            }, CancellationToken.None).WaitAsync(ProgramHost.Timeout);

            Assert.That(seen, Is.EqualTo(200), "work runs after every frame queued before it was fully processed, and before the one queued during it");
            await sw.WaitIdleAsync(ProgramHost.Timeout);
            Assert.That(sw.Counters.Transmitted, Is.EqualTo(201));
        }
    }

    [Test]
    public async Task RunBetweenPackets_WorkThrows_TheCallerGetsTheExceptionAndTheLoopGoesOn()
    {
        (SoftwareSwitch sw, InMemoryPort input, InMemoryPort output) = await StartAsync();
        await using (sw)
        {
            var e = Assert.ThrowsAsync<InvalidOperationException>(async () => await sw.RunBetweenPacketsAsync<int>(() => throw new InvalidOperationException("bad batch"), CancellationToken.None).WaitAsync(ProgramHost.Timeout));
            Assert.That(e!.Message, Is.EqualTo("bad batch"));

            input.Inject(Frames.Ipv4Udp(0x0a000001));
            Assert.That(await output.ReceiveAsync(ProgramHost.Timeout), Is.Not.Null, "the pipeline loop still runs");
        }
    }
}
