using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A struct or header value; one value per field in field order. A header built this way is valid.</summary>
public sealed class StructExpression(StructType type, IReadOnlyList<BoundExpression> fields, TextSpan span) : BoundExpression(type, span)
{
    public StructType Struct { get; } = type;

    public IReadOnlyList<BoundExpression> Fields { get; } = fields;
}
