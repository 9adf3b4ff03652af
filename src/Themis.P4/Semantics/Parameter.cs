using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A parameter of an action, function, extern method, parser, control or package.</summary>
public sealed class Parameter
{
    internal Parameter(string name, P4Type type, ParameterDirection direction, int index, IReadOnlyList<Annotation> annotations, BoundExpression? defaultValue)
    {
        Name = name;
        Type = type;
        Direction = direction;
        Index = index;
        Annotations = annotations;
        DefaultValue = defaultValue;
    }

    public string Name { get; }

    public P4Type Type { get; }

    /// <summary><see cref="ParameterDirection.None"/> for action data (control-plane) and constructor parameters.</summary>
    public ParameterDirection Direction { get; }

    public int Index { get; }

    public IReadOnlyList<Annotation> Annotations { get; }

    public BoundExpression? DefaultValue { get; }

    /// <summary>Set when this is a parameter of a parser/control/action/function (not of an extern or prototype).</summary>
    public Variable? Variable { get; internal set; }

    public override string ToString() => $"{(Direction == ParameterDirection.None ? "" : Direction.ToString().ToLowerInvariant() + " ")}{Type} {Name}";
}
