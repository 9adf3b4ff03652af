using System.Net;
using Google.Protobuf;
using P4.V1;
using Themis.P4Runtime;
using Themis.P4Runtime.Encoding;
using Themis.P4Runtime.Entities;
using Themis.P4Runtime.Info;
using Themis.Switch.Engine;
using Themis.Switch.Server;

namespace Themis.Cli.Tests.Support;

/// <summary>
/// The embedded switch hosted in-process on a real loopback socket, loaded P4Info-only with the ESW mirror P4Info
/// and a known state written over P4Runtime, the way a controller would.
/// </summary>
internal sealed class EswSwitch : IAsyncDisposable
{
    public const string P4InfoFile = "esw-mirror.p4info.txtpb";

    private EswSwitch(SwitchHost host, P4InfoIndex index)
    {
        Host = host;
        Index = index;
    }

    public SwitchHost Host { get; }

    public P4InfoIndex Index { get; }

    public string Address => Host.Address.ToString().TrimEnd('/');

    public static string DataPath(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "data", name);

    /// <summary>Starts the switch; with <paramref name="populate"/>, writes the known state the snapshots show.</summary>
    public static async Task<EswSwitch> StartAsync(bool strict = false, bool populate = true, bool loadPipeline = true)
    {
        SwitchHost host = await SwitchHost.StartAsync(new SwitchOptions { CpuPort = 255 }, new ServerOptions { Address = "127.0.0.1:0", StrictBmv2 = strict });
        var sw = new EswSwitch(host, P4InfoIndex.Load(DataPath(P4InfoFile)));
        try
        {
            if (loadPipeline)
            {
                await using P4RuntimeClient client = await sw.ConnectAsync(electionId: 1);
                await client.SetForwardingPipelineConfigAsync(sw.Index.P4Info, ByteString.Empty, cookie: 0x1234);
                if (populate)
                {
                    await sw.PopulateAsync(client, strict);
                }
            }
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return sw;
    }

    public Task<P4RuntimeClient> ConnectAsync(ulong electionId) =>
        P4RuntimeClient.ConnectAsync(new P4RuntimeClientOptions { Address = Host.Address, ElectionId = electionId, AutoReconnect = false });

    /// <summary>Reads every entry of a table (a check that a change really happened).</summary>
    public async Task<List<TableEntry>> ReadTableAsync(string table)
    {
        await using P4RuntimeClient client = await ConnectAsync(electionId: 1);
        var result = new List<TableEntry>();
        await foreach (Entity e in client.ReadAsync(Index.AllTableEntries(table)))
        {
            result.Add(e.TableEntry);
        }

        return result;
    }

    private async Task PopulateAsync(P4RuntimeClient client, bool strict)
    {
        var entities = new List<Entity>
        {
            // Two registered flows in slots 3 and 7, and one whose CNPs TRP has seen (cnp_store).
            Index.TableEntry("qp_field").Exact("ipv4_src", IPAddress.Parse("10.0.0.1")).Exact("ipv4_dst", IPAddress.Parse("10.1.0.2"))
                .Exact("dest_qp", 0x000201).Action("set_qp_field", ("local_qpn", 0x000101), ("slot", 3)).Build().ToEntity(),
            Index.TableEntry("qp_field").Exact("ipv4_src", IPAddress.Parse("10.0.0.5")).Exact("ipv4_dst", IPAddress.Parse("10.1.0.9"))
                .Exact("dest_qp", 0x00abcd).Action("set_qp_field", ("local_qpn", 0x0000ff), ("slot", 7)).Build().ToEntity(),
            Index.TableEntry("cnp_store").Exact("ipv4_dst", IPAddress.Parse("10.0.0.5")).Exact("dest_qp", 0x0000ff)
                .Action("set_cnp_store_slot", ("slot", 7)).Build().ToEntity(),
            Index.TableEntry("routing_v4").Lpm("ipv4_dst", IPAddress.Parse("10.1.0.0"), 16)
                .Action("set_next_hop", ("port", 2), ("dmac", "02:00:00:00:01:01")).Build().ToEntity(),
            Index.TableEntry("routing_v4").Lpm("ipv4_dst", IPAddress.Parse("10.0.0.0"), 24)
                .Action("set_next_hop", ("port", 1), ("dmac", "02:00:00:00:00:01")).Build().ToEntity(),
            Index.TableEntry("port_roles").Exact("port", 1).Action("set_dc_port", ("cnp_session", 101)).Build().ToEntity(),
            Index.TableEntry("port_roles").Exact("port", 2).Action("set_wan_port").Build().ToEntity(),
            Index.TableEntry("acl").Ternary("ipv4_src", IPAddress.Parse("10.9.0.0"), IPAddress.Parse("255.255.0.0")).Range("l4_dport", 1000, 2000)
                .Priority(10).Action("drop").Build().ToEntity(),
            P4Entities.CloneSession(101, [(1, 0)]),
            P4Entities.CloneSession(500, [(255, 0)]),
            P4Entities.MulticastGroup(1, [(1, 0), (2, 1)]),
            Index.DigestEntry("handshake_digest_t", maxTimeoutNs: 1_000_000, maxListSize: 16, ackTimeoutNs: 2_000_000_000),
        };
        await client.InsertAsync(entities);

        // The controller's parameters: the default action of themis_params.
        await client.ModifyAsync(Index.DefaultEntry("themis_params").Action("set_params",
            ("cnp_interval", 50), ("alpha0", 5), ("beta", 500), ("cnp_dscp", 48), ("switch_mac", "02:00:00:00:00:fe"),
            ("control_ip", IPAddress.Parse("10.0.0.254")), ("daemon_port", 12345), ("loop_port", 9),
            ("direct_recovery", 0), ("passive_handshake", 0)).Build().ToEntity());

        // Counters: events 7 (pnp_cnp_generated) and 16 (trp_throttled); the direct counter of the first flow.
        await client.ModifyAsync(
        [
            Counter(7, 42), Counter(16, 9),
            P4Entities.DirectCounterEntry(Index.TableEntry("qp_field").Exact("ipv4_src", IPAddress.Parse("10.0.0.1"))
                .Exact("ipv4_dst", IPAddress.Parse("10.1.0.2")).Exact("dest_qp", 0x000201).BuildMatchOnly(),
                new CounterData { PacketCount = 1000, ByteCount = 1_024_000 }),
        ]);

        if (!strict)
        {
            // Slot 7 is throttled: Algorithm 1 state as the data plane would leave it.
            await client.ModifyAsync(
            [
                Index.RegisterValue("last_cnp", 3, 1500), Index.RegisterValue("flow_state", 7, 1), Index.RegisterValue("loop_num", 7, 2),
                Index.RegisterValue("alpha", 7, 6), Index.RegisterValue("cnp_num", 7, 11), Index.RegisterValue("cnp_time", 7, 123456),
                Index.RegisterValue("verified_pairs", 17, (0x0A000001UL << 32) | 0x0A010002UL),
                Index.RegisterValue("verified_pairs", 99, (0x0A000005UL << 32) | 0x0A010009UL),
            ]);
        }
    }

    private Entity Counter(long index, long packets) => new()
    {
        CounterEntry = new CounterEntry
        {
            CounterId = Index.Counter("themis_events").Preamble.Id,
            Index = new global::P4.V1.Index { Index_ = index },
            Data = new CounterData { PacketCount = packets },
        },
    };

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
