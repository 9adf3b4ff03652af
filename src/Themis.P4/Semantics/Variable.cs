using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A storage location: a parameter or local of a parser, control, action or function.</summary>
public sealed class Variable
{
    internal Variable(string name, P4Type type, VariableKind kind, ParameterDirection direction, IVariableOwner owner, int slot, TextSpan span)
    {
        Name = name;
        Type = type;
        Kind = kind;
        Direction = direction;
        Owner = owner;
        Slot = slot;
        Span = span;
    }

    public string Name { get; }

    public P4Type Type { get; }

    public VariableKind Kind { get; }

    public ParameterDirection Direction { get; }

    public IVariableOwner Owner { get; }

    /// <summary>Index in <see cref="IVariableOwner.Variables"/> of the owner.</summary>
    public int Slot { get; }

    public TextSpan Span { get; }

    /// <summary>False for <c>in</c> and direction-less (action data) parameters.</summary>
    public bool IsWritable => Kind == VariableKind.Local || Direction is ParameterDirection.Out or ParameterDirection.InOut;

    public override string ToString() => $"{Owner.Name}.{Name}";
}
