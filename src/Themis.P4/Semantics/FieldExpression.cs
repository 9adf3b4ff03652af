using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>target.field</c> on a struct, header or header union.</summary>
public sealed class FieldExpression(BoundExpression target, Field field, TextSpan span) : BoundExpression(field.Type, span)
{
    public BoundExpression Target { get; } = target;

    public Field Field { get; } = field;

    public override string ToString() => $"{Target}.{Field.Name}";
}
