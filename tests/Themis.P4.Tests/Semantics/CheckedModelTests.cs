using System.Numerics;
using Themis.P4.Semantics;

namespace Themis.P4.Tests.Semantics;

/// <summary>The typed model the switch compiles: names resolved, types annotated, tables described.</summary>
public sealed class CheckedModelTests
{
    private static CheckedProgram Compile(string file)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "data", "accept", file);
        var result = P4Compiler.Compile(path);
        Assert.That(result.Errors, Is.Empty, string.Join('\n', result.Diagnostics));
        return result.Program!;
    }

    [Test]
    public void Compile_BasicIpv4_ExposesV1SwitchBlocksAndTypes()
    {
        var p = Compile("basic_ipv4.p4");
        Assert.That(p.Main.Parser.Name, Is.EqualTo("MyParser"));
        Assert.That(p.Main.Ingress.Name, Is.EqualTo("MyIngress"));
        Assert.That(p.Main.Deparser.Name, Is.EqualTo("MyDeparser"));
        Assert.That(p.Main.Headers.Name, Is.EqualTo("headers"));
        Assert.That(p.Main.StandardMetadata.GetField("egress_spec")!.Type, Is.SameAs(BitsType.Get(9, false)));
        Assert.That(p.Main.StandardMetadata.GetField("priority")!.Type, Is.SameAs(BitsType.Get(3, false)));
        var ipv4 = (StructType)p.Main.Headers.GetField("ipv4")!.Type;
        Assert.That(ipv4.BitWidth, Is.EqualTo(160));
        Assert.That(ipv4.GetField("ttl")!.BitOffset, Is.EqualTo(64));
    }

    [Test]
    public void Compile_BasicIpv4_DescribesTableWithResolvedKeyAndActions()
    {
        var table = Compile("basic_ipv4.p4").Main.Ingress.Tables.Single();
        Assert.That(table.ControlPlaneName, Is.EqualTo("MyIngress.ipv4_lpm"));
        Assert.That(table.Keys.Single().MatchKind, Is.EqualTo("lpm"));
        Assert.That(table.Keys.Single().Expression, Is.TypeOf<FieldExpression>());
        Assert.That(table.Keys.Single().BitWidth, Is.EqualTo(32));
        Assert.That(table.Actions.Select(a => a.Action.ControlPlaneName), Is.EqualTo(new[] { "MyIngress.ipv4_forward", "MyIngress.drop", "NoAction" }));
        Assert.That(table.DefaultAction!.Action.Name, Is.EqualTo("drop"));
        Assert.That(table.EffectiveSize, Is.EqualTo(1024));
        var forward = table.Actions[0].Action;
        Assert.That(forward.DataParameters.Select(x => x.Type.BitWidth), Is.EqualTo(new int?[] { 48, 9 }));
    }

    [Test]
    public void Compile_BasicIpv4_TypesEveryExpressionAndCastsLiterals()
    {
        var forward = Compile("basic_ipv4.p4").Main.Ingress.Actions.Single(a => a.Name == "ipv4_forward");
        // hdr.ipv4.ttl = hdr.ipv4.ttl - 1;  the literal 1 becomes 8w1.
        var ttl = forward.Body.Statements.OfType<AssignmentStatement>().Last();
        var sub = (BinaryExpression)ttl.Value;
        Assert.That(sub.Operator, Is.EqualTo(BinaryOperator.Subtract));
        Assert.That(sub.Type, Is.SameAs(BitsType.Get(8, false)));
        Assert.That(sub.Right, Is.TypeOf<LiteralExpression>());
        Assert.That(sub.Right.Type, Is.SameAs(BitsType.Get(8, false)));
        var target = (FieldExpression)ttl.Target;
        Assert.That(target.Field.Name, Is.EqualTo("ttl"));
        Assert.That(((VariableExpression)((FieldExpression)target.Target).Target).Variable.Slot, Is.EqualTo(0));
    }

    [Test]
    public void Compile_ParserFeatures_BindsSelectKeysetsAsConstants()
    {
        var parser = Compile("parser_features.p4").Main.Parser;
        var start = (SelectTransition)parser.Start.Transition!;
        var vlan = (MaskKeyset)start.Cases[0].Keysets[0];
        Assert.That(vlan.Value, Is.EqualTo(new BigInteger(0x8100)));
        Assert.That(vlan.Mask, Is.EqualTo(new BigInteger(0xEFFF)));
        Assert.That(start.Cases[2].Keysets[0], Is.TypeOf<RangeKeyset>());
        Assert.That(start.Cases[3].Keysets[0], Is.SameAs(DefaultKeyset.Instance));
        Assert.That(parser.States.Select(s => s.Name), Does.Contain("accept").And.Contain("reject"));
    }

    [Test]
    public void Compile_ConstEntries_BuildsEntriesPrioritiesAndActionRunSwitch()
    {
        var ingress = Compile("const_entries.p4").Main.Ingress;
        var acl = ingress.Tables.Single(t => t.Name == "acl");
        Assert.That(acl.AreEntriesConst, Is.True);
        Assert.That(acl.IsDefaultActionConst, Is.True);
        Assert.That(acl.Entries, Has.Count.EqualTo(3));
        Assert.That(acl.Entries[1].Priority, Is.EqualTo(new BigInteger(10)));
        Assert.That(acl.Entries[0].Keys[2], Is.TypeOf<RangeKeyset>());
        var sw = ingress.Apply.Statements.OfType<SwitchStatement>().Single();
        Assert.That(sw.Selector, Is.TypeOf<ActionRunExpression>());
        Assert.That(sw.Cases[0].Labels[0].Action!.Name, Is.EqualTo("allow"));
    }

    [Test]
    public void Compile_RegisterCounter_ResolvesExternInstancesAndMethods()
    {
        var ingress = Compile("register_counter.p4").Main.Ingress;
        var reg = ingress.Instances.First(i => i.Name == "packets_per_port");
        Assert.That(reg.Type.ToString(), Is.EqualTo("register<bit<32>>"));
        Assert.That(reg.IntegerArgument("size"), Is.EqualTo(new BigInteger(512)));
        Assert.That(ingress.Instances.Single(i => i.Name == "ports").ControlPlaneName, Is.EqualTo("MyIngress.port_counter"));
        var read = BoundTreeWalker.Expressions(ingress.Apply).OfType<ExternMethodCall>().First();
        Assert.That(read.Method.Name, Is.EqualTo("read"));
        Assert.That(((InstanceExpression)read.Target).Instance, Is.SameAs(reg));
        Assert.That(read.Arguments[0].Value.Type, Is.SameAs(BitsType.Get(32, false)));
    }

    [Test]
    public void CompileText_ConstantsFoldAndLiteralWarningsAreReported()
    {
        var text = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "data", "accept", "basic_ipv4.p4"))
            .Replace("const bit<16> TYPE_IPV4 = 0x800;", "const bit<16> TYPE_IPV4 = (0x400 << 1) | 16w0;\nconst bit<8> BIG = 300;", StringComparison.Ordinal);
        var result = P4Compiler.CompileText(text, "fold.p4");
        Assert.That(result.Success, Is.True, string.Join('\n', result.Diagnostics));
        Assert.That(result.Program!.Constants.Single(c => c.Name == "TYPE_IPV4").Value, Is.TypeOf<LiteralExpression>().With.Property("Value").EqualTo(new BigInteger(0x800)));
        Assert.That(result.Diagnostics.Single().ToString(), Is.EqualTo("fold.p4:6:20: warning: 300 does not fit in bit<8>; the value is truncated to 44"));
    }
}
