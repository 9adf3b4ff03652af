using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>The v1model package instance <c>V1Switch(...) main;</c>, with the six blocks and the H/M types.</summary>
public sealed class V1SwitchPackage
{
    internal V1SwitchPackage(ParserDeclaration parser, ControlDeclaration verifyChecksum, ControlDeclaration ingress, ControlDeclaration egress, ControlDeclaration computeChecksum, ControlDeclaration deparser, StructType headers, StructType metadata, StructType standardMetadata)
    {
        Parser = parser;
        VerifyChecksum = verifyChecksum;
        Ingress = ingress;
        Egress = egress;
        ComputeChecksum = computeChecksum;
        Deparser = deparser;
        Headers = headers;
        Metadata = metadata;
        StandardMetadata = standardMetadata;
    }

    public ParserDeclaration Parser { get; }

    public ControlDeclaration VerifyChecksum { get; }

    public ControlDeclaration Ingress { get; }

    public ControlDeclaration Egress { get; }

    public ControlDeclaration ComputeChecksum { get; }

    public ControlDeclaration Deparser { get; }

    /// <summary>The H type argument: the struct of headers.</summary>
    public StructType Headers { get; }

    /// <summary>The M type argument: the user metadata struct.</summary>
    public StructType Metadata { get; }

    public StructType StandardMetadata { get; }

    public IEnumerable<ControlDeclaration> Controls => [VerifyChecksum, Ingress, Egress, ComputeChecksum, Deparser];

    /// <summary>The five controls and every control instantiated inside them (depth first), each once.</summary>
    public IReadOnlyList<ControlDeclaration> AllControls
    {
        get
        {
            var list = new List<ControlDeclaration>();
            void Visit(ControlDeclaration c)
            {
                if (list.Contains(c))
                {
                    return;
                }
                list.Add(c);
                foreach (var sub in c.SubInstances)
                {
                    if (sub.Block is ControlDeclaration child)
                    {
                        Visit(child);
                    }
                }
            }
            foreach (var c in Controls)
            {
                Visit(c);
            }
            return list;
        }
    }
}
