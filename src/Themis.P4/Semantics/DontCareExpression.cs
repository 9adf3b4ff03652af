using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary><c>_</c> passed as an <c>out</c> argument (the value is discarded).</summary>
public sealed class DontCareExpression(P4Type type, TextSpan span) : BoundExpression(type, span);
