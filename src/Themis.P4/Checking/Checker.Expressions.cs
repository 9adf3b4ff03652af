using System.Numerics;
using Themis.P4.Semantics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Checking;

internal sealed partial class Checker
{
    /// <summary>Binds an expression. <paramref name="expected"/> only guides list expressions and literals.</summary>
    private BoundExpression BindExpression(ExpressionSyntax syntax, Ctx ctx, P4Type? expected)
    {
        switch (syntax)
        {
            case IntegerLiteralSyntax lit:
                if (lit.Width is { } w)
                {
                    if (w > MaxWidth)
                    {
                        Error(lit.Span, $"width {w} of literal '{lit.Text}' is too large (at most {MaxWidth})");
                        return Unknown(lit.Span);
                    }
                    if (lit.Signed && w < 2)
                    {
                        Error(lit.Span, $"signed literal '{lit.Text}' needs a width of at least 2");
                        return Unknown(lit.Span);
                    }
                    var bt = BitsType.Get(w, lit.Signed);
                    if (bt.Normalize(lit.Value) != lit.Value)
                    {
                        Warning(lit.Span, $"'{lit.Text}': value does not fit in {bt}; it is truncated to {bt.Normalize(lit.Value)}");
                    }
                    return new LiteralExpression(bt, bt.Normalize(lit.Value), lit.Span);
                }
                return new LiteralExpression(InfIntType.Instance, lit.Value, lit.Span);
            case BoolLiteralSyntax b:
                return new LiteralExpression(BoolType.Instance, b.Value, b.Span);
            case StringLiteralSyntax s:
                return new LiteralExpression(StringType.Instance, s.Value, s.Span);
            case NameSyntax n:
                return BindName(n, ctx);
            case MemberSyntax m:
                return BindMember(m, ctx);
            case IndexSyntax ix:
                return BindIndex(ix, ctx);
            case SliceSyntax sl:
                return BindSlice(sl, ctx);
            case CallSyntax call:
                return BindCall(call, ctx);
            case UnarySyntax u:
                return BindUnary(u, ctx, expected);
            case BinarySyntax bin:
                return BindBinary(bin, ctx);
            case ConditionalSyntax c:
                return BindConditional(c, ctx, expected);
            case CastSyntax cast:
                return BindCast(cast, ctx);
            case ListSyntax list:
                return BindList(list, ctx, expected);
            case StructInitializerSyntax si:
                return BindStructInitializer(si, ctx, expected);
            case DontCareSyntax dc:
                return new DontCareExpression(DontCareType.Instance, dc.Span);
            case DefaultSyntax d:
                Error(d.Span, "'default' can only be used as a select or switch label");
                return Unknown(d.Span);
            case TypeExpressionSyntax te:
                Error(te.Span, "a type cannot be used as a value here");
                return Unknown(te.Span);
            default:
                return Unknown(syntax.Span);
        }
    }

    private static BoundExpression Unknown(TextSpan span) => new LiteralExpression(UnknownType.Instance, BigInteger.Zero, span);

    private BoundExpression BindName(NameSyntax n, Ctx ctx)
    {
        var sym = n.IsGlobal ? _global.Lookup(n.Name) : ctx.Scope.Lookup(n.Name);
        switch (sym)
        {
            case Variable v:
                return new VariableExpression(v, n.Span);
            case ConstantDeclaration c:
                return Respan(c.Value, n.Span);
            case ExternInstance inst:
                return new InstanceExpression(inst, n.Span);
            case null:
                Error(n.Span, $"unknown name '{n.Name}'");
                return Unknown(n.Span);
            case TableDeclaration:
                Error(n.Span, $"table '{n.Name}' cannot be used as a value; apply it with {n.Name}.apply()");
                return Unknown(n.Span);
            case ActionDeclaration:
                Error(n.Span, $"action '{n.Name}' cannot be used as a value; call it with {n.Name}(...)");
                return Unknown(n.Span);
            case P4Type or ExternDeclaration or BlockPrototype or IP4Block:
                Error(n.Span, $"'{n.Name}' is a type, not a value");
                return Unknown(n.Span);
            case MatchKindMarker:
                Error(n.Span, $"match kind '{n.Name}' can only be used in a table key");
                return Unknown(n.Span);
            default:
                Error(n.Span, $"'{n.Name}' cannot be used as a value");
                return Unknown(n.Span);
        }
    }

    /// <summary>A constant's value at a new place (so diagnostics and traces point at the use).</summary>
    private static BoundExpression Respan(BoundExpression e, TextSpan span) => e switch
    {
        LiteralExpression l => new LiteralExpression(l.Type, l.Value, span),
        EnumMemberExpression em => new EnumMemberExpression(em.Enum, em.Member, span),
        ErrorMemberExpression er => new ErrorMemberExpression((ErrorType)er.Type, er.Member, span),
        _ => e,
    };

    private BoundExpression BindMember(MemberSyntax m, Ctx ctx)
    {
        // Type.member: enum members and error.X.
        if (m.Target is NameSyntax tn)
        {
            var sym = tn.IsGlobal ? _global.Lookup(tn.Name) : ctx.Scope.Lookup(tn.Name);
            if (sym is EnumType et)
            {
                if (!et.Members.Contains(m.Member))
                {
                    Error(m.MemberSpan, $"enum '{et.Name}' has no member '{m.Member}'");
                    return Unknown(m.Span);
                }
                return new EnumMemberExpression(et, m.Member, m.Span);
            }
            if (sym is ErrorType)
            {
                if (_errorType.IndexOf(m.Member) < 0)
                {
                    Error(m.MemberSpan, $"error '{m.Member}' is not declared");
                    return Unknown(m.Span);
                }
                return new ErrorMemberExpression(_errorType, m.Member, m.Span);
            }
            if (sym is TableDeclaration)
            {
                Error(m.Span, $"'{tn.Name}.{m.Member}' is not valid: a table only has the method apply()");
                return Unknown(m.Span);
            }
        }
        var target = BindExpression(m.Target, ctx, null);
        switch (target.Type)
        {
            case UnknownType:
                return Unknown(m.Span);
            case StructType st:
                {
                    var f = st.GetField(m.Member);
                    if (f == null)
                    {
                        if (st.IsHeader && m.Member is "isValid" or "setValid" or "setInvalid")
                        {
                            Error(m.Span, $"'{m.Member}' is a method: call it as {m.Member}()");
                        }
                        else
                        {
                            Error(m.MemberSpan, $"type '{st.Name}' has no field '{m.Member}'");
                        }
                        return Unknown(m.Span);
                    }
                    return new FieldExpression(target, f, m.Span);
                }
            case StackType stack:
                return m.Member switch
                {
                    "next" => CheckStackNextLast(target, StackProperty.Next, stack, m, ctx),
                    "last" => CheckStackNextLast(target, StackProperty.Last, stack, m, ctx),
                    "lastIndex" => new StackPropertyExpression(target, StackProperty.LastIndex, BitsType.Get(32, false), m.Span),
                    "size" => new LiteralExpression(BitsType.Get(32, false), new BigInteger(stack.Size), m.Span),
                    "nextIndex" => new StackPropertyExpression(target, StackProperty.NextIndex, BitsType.Get(32, false), m.Span),
                    _ => ErrorUnknownMember(m, $"header stack '{m.Target}' has no member '{m.Member}' (it has next, last, lastIndex, size, push_front, pop_front)"),
                };
            case TableResultType:
                if (m.Member is "hit" or "miss")
                {
                    return new TableHitExpression((TableApplyExpression)target, m.Member == "miss", m.Span);
                }
                if (m.Member == "action_run")
                {
                    if (!ctx.AllowActionRun)
                    {
                        Error(m.Span, "action_run can only be used as the expression of a switch statement");
                    }
                    return new ActionRunExpression((TableApplyExpression)target, m.Span);
                }
                return ErrorUnknownMember(m, $"the result of apply() has no member '{m.Member}' (it has hit, miss and action_run)");
            default:
                return ErrorUnknownMember(m, $"'{m.Target}' of type '{target.Type}' has no member '{m.Member}'");
        }
    }

    private BoundExpression CheckStackNextLast(BoundExpression target, StackProperty p, StackType stack, MemberSyntax m, Ctx ctx)
    {
        if (ctx.Kind != BodyKind.Parser)
        {
            Error(m.Span, $"'{m.Member}' of a header stack can only be used in a parser");
        }
        return new StackPropertyExpression(target, p, stack.Element, m.Span);
    }

    private BoundExpression ErrorUnknownMember(MemberSyntax m, string message)
    {
        Error(m.MemberSpan, message);
        return Unknown(m.Span);
    }

    private BoundExpression BindIndex(IndexSyntax ix, Ctx ctx)
    {
        var target = BindExpression(ix.Target, ctx, null);
        var index = BindExpression(ix.Index, ctx, null);
        if (target.Type is UnknownType || index.Type is UnknownType)
        {
            return Unknown(ix.Span);
        }
        if (target.Type is not StackType stack)
        {
            Error(ix.Span, $"'{ix.Target}' of type '{target.Type}' cannot be indexed; only header stacks can (use [high:low] for bit slices)");
            return Unknown(ix.Span);
        }
        if (index is LiteralExpression { Value: BigInteger v })
        {
            if (v < 0 || v >= stack.Size)
            {
                Error(ix.Index.Span, $"index {v} is out of range for header stack of size {stack.Size}");
                return Unknown(ix.Span);
            }
            index = new LiteralExpression(BitsType.Get(32, false), v, index.Span);
        }
        else if (index.Type is not BitsType { IsSigned: false })
        {
            Error(ix.Index.Span, $"a header stack index must be an unsigned integer (bit<W>), not '{index.Type}'");
            return Unknown(ix.Span);
        }
        return new StackElementExpression(target, index, stack.Element, ix.Span);
    }

    private BoundExpression BindSlice(SliceSyntax sl, Ctx ctx)
    {
        var target = BindExpression(sl.Target, ctx, null);
        var hi = RequireInteger(BindExpression(sl.High, ctx, null), sl.High.Span, "the high bit of a slice");
        var lo = RequireInteger(BindExpression(sl.Low, ctx, null), sl.Low.Span, "the low bit of a slice");
        if (target.Type is UnknownType || hi == null || lo == null)
        {
            return Unknown(sl.Span);
        }
        int width;
        if (target.Type is BitsType bt)
        {
            width = bt.Width;
        }
        else if (target.Type is InfIntType && target is LiteralExpression)
        {
            width = int.MaxValue;
        }
        else
        {
            Error(sl.Span, $"bit slices need a bit<W> or int<W> value, not '{target.Type}'");
            return Unknown(sl.Span);
        }
        if (lo < 0 || hi < lo || hi >= width)
        {
            Error(sl.Span, $"invalid slice [{hi}:{lo}] of a {target.Type}: need {Math.Min(width, MaxWidth) - 1} >= high >= low >= 0");
            return Unknown(sl.Span);
        }
        var slice = new SliceExpression(target, (int)hi, (int)lo, sl.Span);
        if (target is LiteralExpression { Value: BigInteger v })
        {
            var raw = (target.Type is BitsType b2 ? ToUnsigned(v, b2.Width) : v) >> (int)lo;
            return new LiteralExpression(slice.Type, raw & ((BigInteger.One << ((int)hi - (int)lo + 1)) - 1), sl.Span);
        }
        return slice;
    }

    private static BigInteger ToUnsigned(BigInteger v, int width) => v.Sign >= 0 ? v : v + (BigInteger.One << width);

    private BoundExpression BindUnary(UnarySyntax u, Ctx ctx, P4Type? expected)
    {
        var operand = BindExpression(u.Operand, ctx, expected);
        if (operand.Type is UnknownType)
        {
            return operand;
        }
        switch (u.Operator)
        {
            case "!":
                if (operand.Type is not BoolType)
                {
                    Error(u.Span, $"'!' needs a bool operand, not '{operand.Type}'");
                    return Unknown(u.Span);
                }
                return operand is LiteralExpression { Value: bool b } ? new LiteralExpression(BoolType.Instance, !b, u.Span) : new UnaryExpression(UnaryOperator.Not, operand, BoolType.Instance, u.Span);
            case "~":
                if (operand.Type is not BitsType bt)
                {
                    Error(u.Span, operand.Type is InfIntType ? "'~' needs a value with a width; give the literal a width (e.g. 8w5)" : $"'~' needs a bit<W> or int<W> operand, not '{operand.Type}'");
                    return Unknown(u.Span);
                }
                return operand is LiteralExpression { Value: BigInteger v } ? new LiteralExpression(bt, bt.Normalize(~v), u.Span) : new UnaryExpression(UnaryOperator.Complement, operand, bt, u.Span);
            case "-":
                if (operand.Type is InfIntType && operand is LiteralExpression { Value: BigInteger iv })
                {
                    return new LiteralExpression(InfIntType.Instance, -iv, u.Span);
                }
                if (operand.Type is not BitsType nt)
                {
                    Error(u.Span, $"unary '-' needs a numeric operand, not '{operand.Type}'");
                    return Unknown(u.Span);
                }
                return operand is LiteralExpression { Value: BigInteger nv } ? new LiteralExpression(nt, nt.Normalize(-nv), u.Span) : new UnaryExpression(UnaryOperator.Negate, operand, nt, u.Span);
            default:
                if (operand.Type is not (BitsType or InfIntType))
                {
                    Error(u.Span, $"unary '+' needs a numeric operand, not '{operand.Type}'");
                    return Unknown(u.Span);
                }
                return operand;
        }
    }

    private static readonly Dictionary<string, BinaryOperator> BinaryOperators = new()
    {
        ["+"] = BinaryOperator.Add, ["-"] = BinaryOperator.Subtract, ["*"] = BinaryOperator.Multiply, ["/"] = BinaryOperator.Divide,
        ["%"] = BinaryOperator.Modulo, ["|+|"] = BinaryOperator.AddSaturating, ["|-|"] = BinaryOperator.SubtractSaturating,
        ["<<"] = BinaryOperator.ShiftLeft, [">>"] = BinaryOperator.ShiftRight, ["&"] = BinaryOperator.BitAnd, ["|"] = BinaryOperator.BitOr,
        ["^"] = BinaryOperator.BitXor, ["++"] = BinaryOperator.Concat, ["=="] = BinaryOperator.Equal, ["!="] = BinaryOperator.NotEqual,
        ["<"] = BinaryOperator.Less, ["<="] = BinaryOperator.LessOrEqual, [">"] = BinaryOperator.Greater, [">="] = BinaryOperator.GreaterOrEqual,
        ["&&"] = BinaryOperator.LogicalAnd, ["||"] = BinaryOperator.LogicalOr,
    };

    private BoundExpression BindBinary(BinarySyntax b, Ctx ctx)
    {
        if (b.Operator is "&&&" or "..")
        {
            Error(b.OperatorSpan, $"'{b.Operator}' can only be used in a select case or a table entry");
            return Unknown(b.Span);
        }
        var op = BinaryOperators[b.Operator];
        var left = BindExpression(b.Left, ctx, null);
        var right = BindExpression(b.Right, ctx, null);
        if (left.Type is UnknownType || right.Type is UnknownType)
        {
            return Unknown(b.Span);
        }
        string where = $"'{_source.GetText(b.Span)}'";
        switch (op)
        {
            case BinaryOperator.LogicalAnd:
            case BinaryOperator.LogicalOr:
                if (left.Type is not BoolType || right.Type is not BoolType)
                {
                    Error(b.OperatorSpan, $"'{b.Operator}' needs bool operands, but {where} has '{left.Type}' and '{right.Type}'");
                    return Unknown(b.Span);
                }
                if (left is LiteralExpression { Value: bool lb } && right is LiteralExpression { Value: bool rb })
                {
                    return new LiteralExpression(BoolType.Instance, op == BinaryOperator.LogicalAnd ? lb && rb : lb || rb, b.Span);
                }
                return new BinaryExpression(op, left, right, BoolType.Instance, b.Span);
            case BinaryOperator.Equal:
            case BinaryOperator.NotEqual:
                {
                    if (!UnifyOperands(ref left, ref right, b, where, allowAnyType: true, out var t))
                    {
                        return Unknown(b.Span);
                    }
                    if (t is VoidType or StringType or ExternType or TableResultType)
                    {
                        Error(b.OperatorSpan, $"values of type '{t}' cannot be compared");
                        return Unknown(b.Span);
                    }
                    var folded = FoldComparison(op, left, right, b.Span);
                    return (BoundExpression?)folded ?? new BinaryExpression(op, left, right, BoolType.Instance, b.Span);
                }
            case BinaryOperator.Less:
            case BinaryOperator.LessOrEqual:
            case BinaryOperator.Greater:
            case BinaryOperator.GreaterOrEqual:
                {
                    if (!UnifyOperands(ref left, ref right, b, where, allowAnyType: false, out _))
                    {
                        return Unknown(b.Span);
                    }
                    var folded = FoldComparison(op, left, right, b.Span);
                    return (BoundExpression?)folded ?? new BinaryExpression(op, left, right, BoolType.Instance, b.Span);
                }
            case BinaryOperator.ShiftLeft:
            case BinaryOperator.ShiftRight:
                {
                    if (left.Type is not (BitsType or InfIntType))
                    {
                        Error(b.OperatorSpan, $"'{b.Operator}' needs a bit<W> or int<W> left operand, not '{left.Type}'");
                        return Unknown(b.Span);
                    }
                    if (right is LiteralExpression { Value: BigInteger amount })
                    {
                        if (amount < 0)
                        {
                            Error(b.Right.Span, "a shift amount cannot be negative");
                            return Unknown(b.Span);
                        }
                        if (right.Type is InfIntType)
                        {
                            right = new LiteralExpression(BitsType.Get(32, false), amount, right.Span);
                        }
                        if (left.Type is BitsType lw && amount > lw.Width)
                        {
                            Warning(b.Right.Span, $"shifting a {lw} by {amount} bits always gives 0");
                        }
                    }
                    else if (right.Type is not BitsType { IsSigned: false })
                    {
                        Error(b.Right.Span, $"a shift amount must be an unsigned value (bit<W>), not '{right.Type}'");
                        return Unknown(b.Span);
                    }
                    else if (left.Type is InfIntType)
                    {
                        Error(b.Left.Span, $"the width of {where} is unknown: give '{_source.GetText(b.Left.Span)}' a width (e.g. 32w1) when shifting by a run-time amount");
                        return Unknown(b.Span);
                    }
                    if (left is LiteralExpression { Value: BigInteger lv } && right is LiteralExpression { Value: BigInteger rv })
                    {
                        var r = op == BinaryOperator.ShiftLeft ? lv << (int)BigInteger.Min(rv, 4096) : lv >> (int)BigInteger.Min(rv, 4096);
                        return left.Type is BitsType sbt ? new LiteralExpression(sbt, sbt.Normalize(r), b.Span) : new LiteralExpression(InfIntType.Instance, r, b.Span);
                    }
                    return new BinaryExpression(op, left, right, left.Type, b.Span);
                }
            case BinaryOperator.Concat:
                {
                    if (left.Type is not BitsType lt || right.Type is not BitsType rt)
                    {
                        var bad = left.Type is not BitsType ? left : right;
                        Error(bad.Span, bad.Type is InfIntType
                            ? $"'++' needs operands with a width; give '{_source.GetText(bad.Span)}' a width (e.g. 8w5)"
                            : $"'++' needs bit<W> or int<W> operands, not '{bad.Type}'");
                        return Unknown(b.Span);
                    }
                    var ct = BitsType.Get(lt.Width + rt.Width, lt.IsSigned);
                    if (left is LiteralExpression { Value: BigInteger cl } && right is LiteralExpression { Value: BigInteger cr })
                    {
                        return new LiteralExpression(ct, ct.Normalize((ToUnsigned(cl, lt.Width) << rt.Width) | ToUnsigned(cr, rt.Width)), b.Span);
                    }
                    return new BinaryExpression(op, left, right, ct, b.Span);
                }
            default:
                {
                    if (!UnifyOperands(ref left, ref right, b, where, allowAnyType: false, out var t))
                    {
                        return Unknown(b.Span);
                    }
                    if (op is BinaryOperator.BitAnd or BinaryOperator.BitOr or BinaryOperator.BitXor or BinaryOperator.AddSaturating or BinaryOperator.SubtractSaturating
                        && t is InfIntType && !(left.IsConstant && right.IsConstant))
                    {
                        Error(b.OperatorSpan, $"'{b.Operator}' needs operands with a width");
                        return Unknown(b.Span);
                    }
                    if (op is BinaryOperator.AddSaturating or BinaryOperator.SubtractSaturating && t is InfIntType)
                    {
                        Error(b.OperatorSpan, $"saturating '{b.Operator}' needs operands with a width; give the literals a width (e.g. 8w5)");
                        return Unknown(b.Span);
                    }
                    if (op is BinaryOperator.Divide or BinaryOperator.Modulo)
                    {
                        if (t is BitsType { IsSigned: true })
                        {
                            Error(b.OperatorSpan, $"'{b.Operator}' is not defined on signed values ({t})");
                            return Unknown(b.Span);
                        }
                        if (right is LiteralExpression { Value: BigInteger dz } && dz.IsZero)
                        {
                            Error(b.Right.Span, "division by zero");
                            return Unknown(b.Span);
                        }
                        if (t is InfIntType && ((left as LiteralExpression)?.IntegerValue < 0 || (right as LiteralExpression)?.IntegerValue < 0))
                        {
                            Error(b.OperatorSpan, $"'{b.Operator}' on negative integer literals is not defined");
                            return Unknown(b.Span);
                        }
                    }
                    var folded = FoldArithmetic(op, left, right, t, b.Span);
                    return (BoundExpression?)folded ?? new BinaryExpression(op, left, right, t, b.Span);
                }
        }
    }

    /// <summary>Brings both operands to one type (an integer literal takes the other side's type); reports a mismatch.</summary>
    private bool UnifyOperands(ref BoundExpression left, ref BoundExpression right, BinarySyntax b, string where, bool allowAnyType, out P4Type type)
    {
        type = left.Type;
        if (left.Type is InfIntType && right.Type is BitsType)
        {
            left = ConvertTo(left, right.Type, left.Span);
            type = right.Type;
        }
        else if (right.Type is InfIntType && left.Type is BitsType)
        {
            right = ConvertTo(right, left.Type, right.Span);
            type = left.Type;
        }
        else if (right.Type is InfIntType && left.Type is NewType or EnumType { IsSerializable: true } && right is LiteralExpression)
        {
            Error(b.OperatorSpan, $"{where}: cannot compare '{left.Type}' with an integer; cast the integer: ({left.Type})");
            return false;
        }
        else if (left is ListExpression && right.Type is StructType rs)
        {
            left = ConvertTo(left, rs, left.Span);
        }
        else if (right is ListExpression && left.Type is StructType ls)
        {
            right = ConvertTo(right, ls, right.Span);
        }
        if (!P4Type.Same(left.Type, right.Type))
        {
            if (left.Type is BitsType lb && right.Type is BitsType rb)
            {
                Error(b.OperatorSpan, lb.Width != rb.Width
                    ? $"{where}: cannot operate on values of different widths: '{lb}' and '{rb}'; cast one side"
                    : $"{where}: cannot mix signed and unsigned values ('{lb}' and '{rb}'); cast one side");
            }
            else
            {
                Error(b.OperatorSpan, $"{where}: operands have different types: '{left.Type}' and '{right.Type}'");
            }
            return false;
        }
        if (!allowAnyType && type is not (BitsType or InfIntType))
        {
            Error(b.OperatorSpan, $"'{b.Operator}' needs bit<W>, int<W> or integer operands, but {where} has '{type}'");
            return false;
        }
        return true;
    }

    private static LiteralExpression? FoldComparison(BinaryOperator op, BoundExpression left, BoundExpression right, TextSpan span)
    {
        object? l = ConstantKey(left);
        object? r = ConstantKey(right);
        if (l == null || r == null)
        {
            return null;
        }
        bool result;
        if (l is BigInteger li && r is BigInteger ri)
        {
            result = op switch
            {
                BinaryOperator.Equal => li == ri,
                BinaryOperator.NotEqual => li != ri,
                BinaryOperator.Less => li < ri,
                BinaryOperator.LessOrEqual => li <= ri,
                BinaryOperator.Greater => li > ri,
                _ => li >= ri,
            };
        }
        else
        {
            result = Equals(l, r) == (op == BinaryOperator.Equal);
        }
        return new LiteralExpression(BoolType.Instance, result, span);
    }

    private static object? ConstantKey(BoundExpression e) => e switch
    {
        LiteralExpression l => l.Value,
        EnumMemberExpression em => em.Enum.Name + "." + em.Member,
        ErrorMemberExpression er => "error." + er.Member,
        _ => null,
    };

    private LiteralExpression? FoldArithmetic(BinaryOperator op, BoundExpression left, BoundExpression right, P4Type type, TextSpan span)
    {
        if (left is not LiteralExpression { Value: BigInteger l } || right is not LiteralExpression { Value: BigInteger r })
        {
            return null;
        }
        var bt = type as BitsType;
        BigInteger result;
        switch (op)
        {
            case BinaryOperator.Add:
                result = l + r;
                break;
            case BinaryOperator.Subtract:
                result = l - r;
                break;
            case BinaryOperator.Multiply:
                result = l * r;
                break;
            case BinaryOperator.Divide:
                result = BigInteger.Divide(l, r);
                break;
            case BinaryOperator.Modulo:
                result = BigInteger.Remainder(l, r);
                break;
            case BinaryOperator.BitAnd:
                result = bt != null ? bt.Normalize(ToUnsigned(l, bt.Width) & ToUnsigned(r, bt.Width)) : l & r;
                break;
            case BinaryOperator.BitOr:
                result = bt != null ? bt.Normalize(ToUnsigned(l, bt.Width) | ToUnsigned(r, bt.Width)) : l | r;
                break;
            case BinaryOperator.BitXor:
                result = bt != null ? bt.Normalize(ToUnsigned(l, bt.Width) ^ ToUnsigned(r, bt.Width)) : l ^ r;
                break;
            case BinaryOperator.AddSaturating:
            case BinaryOperator.SubtractSaturating:
                {
                    var raw = op == BinaryOperator.AddSaturating ? l + r : l - r;
                    var (min, max) = bt!.IsSigned ? (-(BigInteger.One << (bt.Width - 1)), (BigInteger.One << (bt.Width - 1)) - 1) : (BigInteger.Zero, (BigInteger.One << bt.Width) - 1);
                    result = BigInteger.Max(min, BigInteger.Min(max, raw));
                    break;
                }
            default:
                return null;
        }
        return new LiteralExpression(type, bt != null ? bt.Normalize(result) : result, span);
    }

    private BoundExpression BindConditional(ConditionalSyntax c, Ctx ctx, P4Type? expected)
    {
        var cond = BindExpression(c.Condition, ctx, BoolType.Instance);
        var a = BindExpression(c.WhenTrue, ctx, expected);
        var b = BindExpression(c.WhenFalse, ctx, expected);
        if (cond.Type is UnknownType || a.Type is UnknownType || b.Type is UnknownType)
        {
            return Unknown(c.Span);
        }
        if (cond.Type is not BoolType)
        {
            Error(c.Condition.Span, $"the condition of '?:' must be bool, not '{cond.Type}'");
            return Unknown(c.Span);
        }
        if (a.Type is InfIntType && b.Type is BitsType)
        {
            a = ConvertTo(a, b.Type, a.Span);
        }
        else if (b.Type is InfIntType && a.Type is BitsType)
        {
            b = ConvertTo(b, a.Type, b.Span);
        }
        else if (a.Type is InfIntType && b.Type is InfIntType && expected is BitsType eb)
        {
            a = ConvertTo(a, eb, a.Span);
            b = ConvertTo(b, eb, b.Span);
        }
        if (!P4Type.Same(a.Type, b.Type))
        {
            Error(c.Span, $"the two branches of '?:' have different types: '{a.Type}' and '{b.Type}'");
            return Unknown(c.Span);
        }
        if (cond is LiteralExpression { Value: bool cv })
        {
            return cv ? a : b;
        }
        if (a.Type is InfIntType)
        {
            Error(c.Span, "the width of this '?:' is unknown: give the integer literals a width (e.g. 8w1)");
            return Unknown(c.Span);
        }
        return new ConditionalExpression(cond, a, b, c.Span);
    }

    private BoundExpression BindCast(CastSyntax cast, Ctx ctx)
    {
        var target = ResolveType(cast.Type, ctx.Scope);
        var operand = BindExpression(cast.Operand, ctx, target);
        var source = operand.Type;
        if (source is UnknownType || target is UnknownType)
        {
            return Unknown(cast.Span);
        }
        if (P4Type.Same(source, target))
        {
            return operand;
        }
        bool ok = (source, target) switch
        {
            (InfIntType, BitsType) => true,
            (BitsType, BitsType) => true,
            (BitsType { Width: 1, IsSigned: false }, BoolType) => true,
            (BoolType, BitsType { Width: 1, IsSigned: false }) => true,
            (InfIntType, BoolType) => operand is LiteralExpression { Value: BigInteger v } && (v.IsZero || v.IsOne),
            (BitsType sb, EnumType { UnderlyingBits: { } ub }) => P4Type.Same(sb, ub),
            (InfIntType, EnumType { IsSerializable: true }) => true,
            (EnumType { IsSerializable: true }, BitsType) => true,
            (NewType n, _) => P4Type.Same(n.UnderlyingType, target) || (n.UnderlyingType is BitsType && target is BitsType),
            (_, NewType n) => P4Type.Same(source, n.UnderlyingType) || source is InfIntType || (source is BitsType && n.UnderlyingType is BitsType),
            (TupleType, StructType) => operand is ListExpression,
            _ => false,
        };
        if (ok && source is BitsType sbits && target is BitsType tbits && sbits.IsSigned != tbits.IsSigned && sbits.Width != tbits.Width)
        {
            // The spec allows changing either width or signedness in one cast, not both.
            Error(cast.Span, $"cannot cast '{source}' to '{target}' in one step: change the width and the signedness in two casts");
            return Unknown(cast.Span);
        }
        if (!ok)
        {
            Error(cast.Span, $"cannot cast '{source}' to '{target}'");
            return Unknown(cast.Span);
        }
        if (operand is ListExpression && target is StructType)
        {
            return ConvertTo(operand, target, cast.Span);
        }
        var underlyingTarget = target is NewType nt ? nt.UnderlyingType : target is EnumType { UnderlyingBits: { } ubt } ? ubt : target;
        if (operand is LiteralExpression { Value: BigInteger value })
        {
            if (underlyingTarget is BitsType bt)
            {
                var src = source as BitsType;
                var raw = src != null ? ToUnsigned(value, src.Width) : value;
                if (src != null && src.IsSigned && bt.Width > src.Width)
                {
                    raw = value; // sign extension
                }
                var lit = new LiteralExpression(bt, bt.Normalize(raw), cast.Span);
                if (target is EnumType en)
                {
                    int idx = en.Values.ToList().IndexOf(lit.IntegerValue);
                    return idx >= 0 ? new EnumMemberExpression(en, en.Members[idx], cast.Span) : new CastExpression(target, lit, cast.Span);
                }
                return target is NewType ? new CastExpression(target, lit, cast.Span) : lit;
            }
            if (target is BoolType)
            {
                return new LiteralExpression(BoolType.Instance, !value.IsZero, cast.Span);
            }
        }
        if (operand is LiteralExpression { Value: bool bv } && target is BitsType)
        {
            return new LiteralExpression(target, bv ? BigInteger.One : BigInteger.Zero, cast.Span);
        }
        if (operand is EnumMemberExpression em && target is BitsType ebt)
        {
            return new LiteralExpression(ebt, ebt.Normalize(em.Value), cast.Span);
        }
        return new CastExpression(target, operand, cast.Span);
    }

    private BoundExpression BindList(ListSyntax list, Ctx ctx, P4Type? expected)
    {
        var expectedElements = expected switch
        {
            TupleType tt when tt.Elements.Count == list.Elements.Count => tt.Elements,
            StructType st when st.Fields.Count == list.Elements.Count => st.Fields.Select(f => f.Type).ToList(),
            _ => null,
        };
        var elements = list.Elements.Select((e, i) => BindExpression(e, ctx, expectedElements?[i])).ToList();
        var result = new ListExpression(new TupleType([.. elements.Select(e => e.Type)]), elements, list.Span);
        return expected is StructType or TupleType ? ConvertTo(result, expected, list.Span) : result;
    }

    private BoundExpression BindStructInitializer(StructInitializerSyntax si, Ctx ctx, P4Type? expected)
    {
        if (expected is not StructType st)
        {
            Error(si.Span, expected == null ? "the type of this { field = value } initializer is unknown; cast it: (my_struct_t){ ... }" : $"a {{ field = value }} initializer cannot have type '{expected}'");
            return Unknown(si.Span);
        }
        var values = new BoundExpression?[st.Fields.Count];
        foreach (var (name, nameSpan, value) in si.Fields)
        {
            var f = st.GetField(name);
            if (f == null)
            {
                Error(nameSpan, $"type '{st.Name}' has no field '{name}'");
                continue;
            }
            if (values[f.Index] != null)
            {
                Error(nameSpan, $"field '{name}' is initialised twice");
            }
            values[f.Index] = ConvertTo(BindExpression(value, ctx, f.Type), f.Type, value.Span);
        }
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] == null)
            {
                Error(si.Span, $"field '{st.Fields[i].Name}' of '{st.Name}' is not initialised");
                values[i] = Unknown(si.Span);
            }
        }
        return new StructExpression(st, values!, si.Span);
    }
}
