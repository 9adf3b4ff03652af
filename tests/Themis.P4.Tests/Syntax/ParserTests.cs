using Themis.P4.Preprocessing;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Tests.Syntax;

public sealed class ParserTests
{
    private static (ProgramSyntax Program, DiagnosticBag Diagnostics) Parse(string text)
    {
        var pre = new Preprocessor(FileSystemReader.Instance, []).Run("t.p4", text);
        var bag = new DiagnosticBag(pre.Source);
        bag.AddRange(pre.Diagnostics);
        return (Parser.Parse(pre.Source.Text, bag), bag);
    }

    [Test]
    public void Parse_V1ModelInclude_HasNoErrors()
    {
        var (program, diags) = Parse("#include <v1model.p4>\n");
        Assert.That(diags.Items, Is.Empty, diags.ToString());
        Assert.That(program.Declarations.OfType<BlockTypeSyntax>().Select(d => d.Name), Does.Contain("V1Switch"));
        Assert.That(program.Declarations.OfType<ExternSyntax>().Select(d => d.Name), Does.Contain("register"));
    }

    [Test]
    public void Parse_Expression_RespectsP4Precedence()
    {
        var (program, diags) = Parse("const bool b = 1 + 2 * 3 == 7 && 8w1 << 2 >> 1 | 3 != 0;\n");
        Assert.That(diags.Items, Is.Empty, diags.ToString());
        var value = program.Declarations.OfType<ConstantSyntax>().Single().Value;
        Assert.That(value, Is.TypeOf<BinarySyntax>());
        var and = (BinarySyntax)value;
        Assert.That(and.Operator, Is.EqualTo("&&"));
        Assert.That(((BinarySyntax)and.Right).Operator, Is.EqualTo("!="));
    }

    [Test]
    public void Parse_MissingSemicolon_ReportsAndRecovers()
    {
        var (program, diags) = Parse("header h_t { bit<8> a }\nheader g_t { bit<8> b; }\n");
        Assert.That(diags.Items, Has.Count.EqualTo(1));
        Assert.That(diags.Items[0].ToString(), Is.EqualTo("t.p4:1:23: error: expected ';' but found '}'"));
        Assert.That(program.Declarations.OfType<StructLikeSyntax>().Count(), Is.EqualTo(2));
    }

    [Test]
    public void Parse_NestedTypeArguments_CloseWithAdjacentAngles()
    {
        var (_, diags) = Parse("#include <v1model.p4>\ncontrol C() { register<bit<32>>(1024) r; apply { } }\n");
        Assert.That(diags.Items, Is.Empty, diags.ToString());
    }
}
