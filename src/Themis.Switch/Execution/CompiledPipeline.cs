using Themis.P4.Semantics;
using Themis.Switch.Pipeline;

namespace Themis.Switch.Execution;

/// <summary>
/// A compiled program bound to one switch state: the two halves of the v1model pipeline as BMv2
/// simple_switch runs them. Ingress: parse (headers reset, a preserved field list kept), verifyChecksum,
/// ingress. Egress: re-parse for an ingress-to-egress clone (BMv2 parses the original packet again),
/// egress, computeChecksum, deparse (valid headers + the unparsed payload).
/// </summary>
internal sealed class CompiledPipeline : IPipelineInstance
{
    private readonly StateLayout _layout;
    private readonly ParserMachine _parser;
    private readonly StmtFn _verify;
    private readonly StmtFn _ingress;
    private readonly StmtFn _egress;
    private readonly StmtFn _compute;
    private readonly StmtFn _deparser;
    private readonly StandardMetadataSlots _standard;
    private readonly EmitBuffer _emit;
    private readonly ErrorType _errors;
    private readonly StatePool _pool;

    public CompiledPipeline(StateLayout layout, ParserMachine parser, StmtFn verify, StmtFn ingress, StmtFn egress, StmtFn compute, StmtFn deparser, StandardMetadataSlots standard, EmitBuffer emit, ErrorType errors)
    {
        _layout = layout;
        _parser = parser;
        _verify = verify;
        _ingress = ingress;
        _egress = egress;
        _compute = compute;
        _deparser = deparser;
        _standard = standard;
        _emit = emit;
        _errors = errors;
        _pool = new StatePool(layout);
    }

    /// <summary>Cells per packet (for diagnostics and benchmarks).</summary>
    public int NarrowCells => _layout.Narrow;

    public void Ingress(PacketContext packet)
    {
        PacketState s = packet.State as PacketState ?? _pool.Rent();
        packet.State = s;
        s.Packet = packet;
        s.ResetHeaders();
        _standard.Load(s, packet.Metadata);
        Parse(s, packet.Data, setError: true);
        _verify(s);
        _ingress(s);
        _standard.Store(s, packet.Metadata);
    }

    public void Egress(PacketContext packet)
    {
        PacketState s = packet.State as PacketState ?? _pool.Rent();
        packet.State = s;
        s.Packet = packet;
        _standard.Load(s, packet.Metadata);
        if (packet.Metadata.InstanceType == InstanceType.IngressClone && s.PreservedFieldList is { } list)
        {
            // BMv2 parses the original packet again for an I2E clone, then copies the field list over.
            PacketState preserved = (PacketState)s.PreserveFieldList(list);
            s.ResetHeaders();
            Parse(s, packet.Data, setError: false);
            PacketState.CopyFieldList(preserved, s, list);
            preserved.Release();
            _standard.Load(s, packet.Metadata);
        }

        _egress(s);
        _compute(s);

        s.Cursor = 0;
        _deparser(s);
        int headerBytes = (s.Cursor + 7) / 8;
        int payload = Math.Max(0, s.Data.Length - s.PayloadOffset);
        var output = new byte[headerBytes + payload];
        _emit.Buffer.AsSpan(0, headerBytes).CopyTo(output);
        s.Data.AsSpan(s.PayloadOffset, payload).CopyTo(output.AsSpan(headerBytes));
        packet.Output = output;
        _standard.Store(s, packet.Metadata);

        // The state now describes the output: an egress-to-egress clone deparses these headers again in front of this payload.
        s.Data = output;
        s.PayloadOffset = headerBytes;
    }

    private void Parse(PacketState s, byte[] data, bool setError)
    {
        s.Data = data;
        s.Cursor = 0;
        s.ParserError = 0;
        s.Rejected = false;
        if (_parser.Run(s) == Flow.Reject && setError)
        {
            // BMv2 v1model: the packet goes on into ingress with parser_error set.
            if (_standard.ParserError >= 0)
            {
                s.S[_standard.ParserError] = s.ParserError;
            }

            if (s.Trace is { } trace)
            {
                int code = (int)s.ParserError;
                trace.Add($"parser error {(code < _errors.Members.Count ? _errors.Members[code] : code.ToString(System.Globalization.CultureInfo.InvariantCulture))}");
            }
        }

        s.PayloadOffset = Math.Min(data.Length, (s.Cursor + 7) / 8);
    }
}
