using System.Text.RegularExpressions;
using Grpc.Net.Client;
using P4.V1;
using Themis.P4Runtime.Entities;
using Themis.P4Runtime.Info;
using P4RuntimeService = P4.V1.P4Runtime;

namespace Themis.Controller.Host.Demo;

/// <summary>
/// Reads the switch the way an operator's tool does: P4Runtime reads without a stream or election id, so they
/// never disturb the controller's mastership. Counter cells are named after the program's <c>EV_*</c> constants.
/// </summary>
internal sealed partial class SwitchReader : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly P4RuntimeService.P4RuntimeClient _client;
    private readonly Dictionary<long, string> _eventNames;
    private P4InfoIndex? _index;

    public SwitchReader(Uri address, string defineFile)
    {
        _channel = GrpcChannel.ForAddress(address);
        _client = new P4RuntimeService.P4RuntimeClient(_channel);
        _eventNames = File.Exists(defineFile)
            ? EventConstant().Matches(File.ReadAllText(defineFile)).ToDictionary(m => long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups[1].Value)
            : [];
    }

    /// <summary>The <c>themis_events</c> counter: packets per decision, by event name (zero cells left out).</summary>
    public async Task<Dictionary<string, long>> ReadEventsAsync(CancellationToken cancellationToken)
    {
        P4InfoIndex index = await IndexAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>();
        foreach (Entity entity in await ReadAsync(index.CounterEntry("themis_events"), cancellationToken).ConfigureAwait(false))
        {
            long cell = entity.CounterEntry.Index?.Index_ ?? -1;
            long packets = entity.CounterEntry.Data?.PacketCount ?? 0;
            if (packets > 0)
            {
                counts[_eventNames.GetValueOrDefault(cell, $"event {cell}")] = packets;
            }
        }

        return counts;
    }

    /// <summary>The number of entries of <paramref name="table"/>.</summary>
    public async Task<int> CountEntriesAsync(string table, CancellationToken cancellationToken)
    {
        P4InfoIndex index = await IndexAsync(cancellationToken).ConfigureAwait(false);
        return (await ReadAsync(new Entity { TableEntry = new TableEntry { TableId = index.Table(table).Preamble.Id } }, cancellationToken).ConfigureAwait(false)).Count;
    }

    public void Dispose() => _channel.Dispose();

    private async Task<P4InfoIndex> IndexAsync(CancellationToken cancellationToken)
    {
        if (_index is null)
        {
            GetForwardingPipelineConfigResponse response = await _client.GetForwardingPipelineConfigAsync(
                new GetForwardingPipelineConfigRequest { DeviceId = 0, ResponseType = GetForwardingPipelineConfigRequest.Types.ResponseType.P4InfoAndCookie },
                deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken).ConfigureAwait(false);
            _index = P4InfoIndex.FromP4Info(response.Config.P4Info);
        }

        return _index;
    }

    private async Task<List<Entity>> ReadAsync(Entity filter, CancellationToken cancellationToken)
    {
        var request = new ReadRequest { DeviceId = 0 };
        request.Entities.Add(filter);
        using var call = _client.Read(request, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        var result = new List<Entity>();
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            result.AddRange(call.ResponseStream.Current.Entities);
        }

        return result;
    }

    [GeneratedRegex(@"const\s+bit<32>\s+EV_(\w+)\s*=\s*(\d+)\s*;")]
    private static partial Regex EventConstant();
}
