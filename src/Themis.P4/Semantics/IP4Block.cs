using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A parser or control declaration with its body.</summary>
public interface IP4Block : IVariableOwner
{
    IReadOnlyList<Parameter> Parameters { get; }

    IReadOnlyList<ExternInstance> Instances { get; }

    IReadOnlyList<SubBlockInstance> SubInstances { get; }

    /// <summary>Local variable declarations with their initialisers, run in order before the body.</summary>
    IReadOnlyList<BoundStatement> LocalInitializers { get; }

    IReadOnlyList<Annotation> Annotations { get; }
}
