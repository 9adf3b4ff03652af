using System.Buffers.Binary;
using Themis.Switch.Pipeline;
using Themis.Switch.Runtime.Replication;
using Themis.Switch.Runtime.Tables;

namespace Themis.Switch.Benchmarks;

/// <summary>Loads the benchmark programs and fills their tables.</summary>
internal static class BenchPrograms
{
    private static bool _portFirst;

    public static string BasicIpv4 => Path.Combine(AppContext.BaseDirectory, "programs", "basic_ipv4.p4");

    /// <summary>The ESW program, found by walking up from the binary to the repository's p4/ folder; null when absent.</summary>
    public static string? Esw
    {
        get
        {
            for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, "p4", "v1model", "themis_esw.p4");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    public static PipelineDefinition Compile(string path)
    {
        PipelineCompileResult result = new P4PipelineCompiler().CompileFile(path);
        return result.Definition ?? throw new InvalidOperationException($"{path} does not compile:\n{string.Join("\n", result.Errors)}");
    }

    public static SwitchState NewState(PipelineDefinition definition) => new(definition, new PacketReplicationEngine(), TimeProvider.System);

    /// <summary>Routes for the basic program: 10.x.0.0/16 → port 2 and 3 alternating, plus 1000 /32 host routes elsewhere.</summary>
    public static void InstallRoutes(SwitchState state) => InstallRoutes(state, "IngressImpl.routing_v4", "IngressImpl.forward", false);

    /// <summary>
    /// The same routes for the ESW program (table routing_v4, action set_next_hop(port, dmac)), and
    /// port 1 as a DC-facing port, so the benchmark frames take the ESW's full DC-to-DC path.
    /// </summary>
    public static void InstallEswRoutes(SwitchState state)
    {
        InstallRoutes(state, "routing_v4", "set_next_hop", true);
        P4Table roles = state.TableByName("port_roles");
        uint dc = state.Definition.P4Info.Actions.Single(a => a.Preamble.Name == "set_dc_port").Preamble.Id;
        roles.Insert(new TableEntryRecord([KeyFieldMatch.Exact([0, 1])], 0, new ActionCall(dc, [[0, 0, 0, 1]]), TimeProvider.System));
    }

    private static void InstallRoutes(SwitchState state, string tableName, string actionName, bool portFirst)
    {
        P4Table table = state.TableByName(tableName);
        uint forward = state.Definition.P4Info.Actions.Single(a => a.Preamble.Name == actionName).Preamble.Id;
        _portFirst = portFirst;
        for (int i = 0; i < 16; i++)
        {
            Insert(table, forward, 0x0a000000u | ((uint)i << 16), 16, (uint)(2 + (i & 1)));
        }

        for (int i = 0; i < 1000; i++)
        {
            Insert(table, forward, 0xc0a80000u | (uint)i, 32, 3);
        }
    }

    private static void Insert(P4Table table, uint action, uint prefix, int length, uint port)
    {
        var value = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(value, prefix);
        byte[] mac = [0, 0, 0, 0, 0, 0x22], portBytes = [(byte)(port >> 8), (byte)port];
        var call = new ActionCall(action, _portFirst ? [portBytes, mac] : [mac, portBytes]);
        TableOperationStatus status = table.Insert(new TableEntryRecord([KeyFieldMatch.Lpm(value, length, 32)], 0, call, TimeProvider.System));
        if (status != TableOperationStatus.Ok)
        {
            throw new InvalidOperationException($"route insert failed: {status}");
        }
    }

    /// <summary>A 64-byte IPv4/UDP frame to 10.(i%16).0.1 with a correct header checksum.</summary>
    public static byte[] Frame(int i)
    {
        var f = new byte[64];
        f[5] = 0x0b;
        f[11] = 0x0a;
        f[12] = 0x08;
        f[14] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(16), 50);
        f[22] = 64;
        f[23] = 17;
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(26), 0x0a000001);
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(30), 0x0a000001u | ((uint)(i % 16) << 16));
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(34), 5000);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(36), 5001);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(38), 30);
        uint sum = 0;
        for (int k = 14; k < 34; k += 2)
        {
            sum += (uint)((f[k] << 8) | f[k + 1]);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(24), (ushort)~sum);
        return f;
    }
}
