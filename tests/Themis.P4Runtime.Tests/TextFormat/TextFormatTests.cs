using Google.Protobuf;
using P4.Config.V1;
using P4.V1;
using Themis.P4Runtime.TextFormat;

namespace Themis.P4Runtime.Tests.TextFormat;

public sealed class TextFormatTests
{
    [Test]
    public void Parse_P4InfoFixture_ReadsEveryKind()
    {
        P4Info info = TextFormatParser.Parse<P4Info>(File.ReadAllText(TestData.PathOf("basic.p4info.txtpb")));
        Assert.Multiple(() =>
        {
            Assert.That(info.PkgInfo.Arch, Is.EqualTo("v1model"));
            Assert.That(info.Tables, Has.Count.EqualTo(4));
            Assert.That(info.Tables[1].MatchFields[1].MatchType, Is.EqualTo(MatchField.Types.MatchType.Range));
            Assert.That(info.Tables[1].ActionRefs[1].Scope, Is.EqualTo(ActionRef.Types.Scope.DefaultOnly));
            Assert.That(info.Tables[2].IdleTimeoutBehavior, Is.EqualTo(Table.Types.IdleTimeoutBehavior.NotifyControl));
            Assert.That(info.Actions[0].Preamble.Annotations[0], Is.EqualTo("@noWarn(\"unused\")"));
            Assert.That(info.Registers[0].TypeSpec.Bitstring.Bit.Bitwidth, Is.EqualTo(48));
            Assert.That(info.TypeInfo.Structs["learn_t"].Members[1].Name, Is.EqualTo("port"));
        });
    }

    [Test]
    public void PrintThenParse_P4Info_RoundTrips()
    {
        P4Info info = TextFormatParser.Parse<P4Info>(File.ReadAllText(TestData.PathOf("basic.p4info.txtpb")));
        string printed = TextFormatPrinter.Print(info);
        Assert.That(TextFormatParser.Parse<P4Info>(printed), Is.EqualTo(info));
    }

    [Test]
    public void Print_Message_UsesFieldNumberOrderAndTwoSpaceIndent()
    {
        var table = new Table { Preamble = new Preamble { Id = 1, Name = "t" }, Size = 16 };
        table.MatchFields.Add(new MatchField { Id = 1, Name = "k", Bitwidth = 8, MatchType = MatchField.Types.MatchType.Exact });
        Assert.That(TextFormatPrinter.Print(table), Is.EqualTo(
            "preamble {\n  id: 1\n  name: \"t\"\n}\nmatch_fields {\n  id: 1\n  name: \"k\"\n  bitwidth: 8\n  match_type: EXACT\n}\nsize: 16\n"));
    }

    [Test]
    public void Print_Bytes_EscapesNonPrintableAsOctal()
    {
        var exact = new FieldMatch.Types.Exact { Value = ByteString.CopyFrom(0x0a, 0x41, 0xff, 0x22) };
        Assert.That(TextFormatPrinter.Print(exact), Is.EqualTo("value: \"\\nA\\377\\\"\"\n"));
    }

    [Test]
    public void Parse_StringEscapesAndConcatenation_DecodeToBytes()
    {
        var exact = TextFormatParser.Parse<FieldMatch.Types.Exact>("value: \"\\001\\x02\" 'A\\n'");
        Assert.That(exact.Value.ToByteArray(), Is.EqualTo(new byte[] { 1, 2, (byte)'A', (byte)'\n' }));
    }

    [Test]
    public void Parse_ListSyntaxAnglesSemicolonsAndHex_Accepted()
    {
        var table = TextFormatParser.Parse<Table>("direct_resource_ids: [0x13000001, 5]; preamble < id: 0x02000001 name: 't' >");
        Assert.Multiple(() =>
        {
            Assert.That(table.DirectResourceIds, Is.EqualTo(new uint[] { 0x13000001, 5 }));
            Assert.That(table.Preamble.Id, Is.EqualTo(0x02000001u));
        });
    }

    [TestCase("nope: 1", "1:1", "has no field 'nope'")]
    [TestCase("size 5", "1:6", "expected ':'")]
    [TestCase("match_fields { match_type: FUZZY }", "1:28", "has no value 'FUZZY'")]
    [TestCase("preamble {\n  id: 1\n", "3:1", "missing '}'")]
    [TestCase("preamble { id: -1 }", "1:16", "out of range")]
    [TestCase("preamble { name: \"open }", "1:18", "unterminated string")]
    public void Parse_BadText_ReportsLineColumnAndReason(string text, string position, string reason)
    {
        var e = Assert.Throws<TextFormatException>(() => TextFormatParser.Parse<Table>(text, "t.txtpb"));
        Assert.That(e!.Message, Does.StartWith("t.txtpb:" + position + ":").And.Contain(reason));
    }

    [Test]
    public void Parse_TableAsCurrentP4cWritesIt_ReadsInitialDefaultAction()
    {
        // p4c (P4Runtime 1.4+) writes initial_default_action and has_initial_entries into tables.
        const string text = """
            preamble { id: 33554433 name: "MyIngress.t" alias: "t" }
            action_refs { id: 16777217 }
            initial_default_action { action_id: 16777217 arguments { param_id: 1 value: "\001" } }
            size: 16
            has_initial_entries: true
            """;
        var table = TextFormatParser.Parse<Table>(text);
        Assert.Multiple(() =>
        {
            Assert.That(table.InitialDefaultAction.ActionId, Is.EqualTo(16777217u));
            Assert.That(table.InitialDefaultAction.Arguments[0].Value.ToByteArray(), Is.EqualTo(new byte[] { 1 }));
            Assert.That(table.HasInitialEntries, Is.True);
        });
    }
}
