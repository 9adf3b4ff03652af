using Themis.P4.Preprocessing;
using Themis.P4.Text;

namespace Themis.P4.Tests.Preprocessing;

public sealed class PreprocessorTests
{
    private sealed class MemoryReader(Dictionary<string, string> files) : ISourceFileReader
    {
        public string? TryRead(string path) => files.TryGetValue(path, out var t) ? t : null;
    }

    private static PreprocessResult Run(string text, Dictionary<string, string>? files = null) =>
        new Preprocessor(new MemoryReader(files ?? []), []).Run("main.p4", text);

    [Test]
    public void Run_ObjectMacro_IsExpandedOutsideStrings()
    {
        var r = Run("#define SIZE 1024\nconst bit<32> s = SIZE; // SIZE\nstring x = \"SIZE\";\n");
        Assert.That(r.Source.Text, Does.Contain("const bit<32> s = 1024;"));
        Assert.That(r.Source.Text, Does.Contain("\"SIZE\""));
        Assert.That(r.Diagnostics, Is.Empty);
    }

    [Test]
    public void Run_FunctionMacro_SubstitutesArguments()
    {
        var r = Run("#define MAX(a, b) ((a) > (b) ? (a) : (b))\nx = MAX(1, y + 2);\n");
        Assert.That(r.Source.Text, Does.Contain("x = ((1) > (y + 2) ? (1) : (y + 2));"));
    }

    [Test]
    public void Run_Conditionals_SelectTheRightBranch()
    {
        var text = "#define V 20200408\n#if V >= 20200408 && defined(V)\nA\n#elif 1\nB\n#else\nC\n#endif\n#ifndef W\nD\n#else\nE\n#endif\n#if 0\n#if 1\nF\n#endif\n#else\nG\n#endif\n";
        var r = Run(text);
        var lines = r.Source.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.EqualTo(new[] { "A", "D", "G" }));
    }

    [Test]
    public void Run_Undef_RemovesMacro()
    {
        var r = Run("#define X 1\n#undef X\n#ifdef X\nyes\n#endif\nX\n");
        Assert.That(r.Source.Text.Trim(), Is.EqualTo("X"));
    }

    [Test]
    public void Run_QuotedInclude_IsRelativeToIncludingFileAndTracksLines()
    {
        var files = new Dictionary<string, string> { [Path.Combine("dir", "h.p4")] = "\n\nheader_line\n" };
        var r = new Preprocessor(new MemoryReader(files), []).Run(Path.Combine("dir", "main.p4"), "// c\n#include \"h.p4\"\n/* a\n b */ after\n");
        int headerOffset = r.Source.Text.IndexOf("header_line", StringComparison.Ordinal);
        int afterOffset = r.Source.Text.IndexOf("after", StringComparison.Ordinal);
        Assert.That(r.Source.GetLocation(headerOffset), Is.EqualTo(new SourceLocation(Path.Combine("dir", "h.p4"), 3, 1)));
        Assert.That(r.Source.GetLocation(afterOffset), Is.EqualTo(new SourceLocation(Path.Combine("dir", "main.p4"), 4, 7)));
    }

    [Test]
    public void Run_AngleInclude_FindsBuiltInV1Model()
    {
        var r = Run("#include <core.p4>\n#include <v1model.p4>\n");
        Assert.That(r.Diagnostics, Is.Empty);
        Assert.That(r.Source.Text, Does.Contain("package V1Switch"));
        Assert.That(r.Source.Text, Does.Contain("const bit<32> __v1model_version = 20180101;"));
    }

    [Test]
    public void Run_MissingInclude_ReportsWhereAndWhat()
    {
        var r = Run("\n#include \"nothere.p4\"\n");
        Assert.That(r.Diagnostics.Single().ToString(), Does.StartWith("main.p4:2:1: error: cannot find include file 'nothere.p4'"));
    }

    [Test]
    public void Run_UnterminatedConditional_IsReported()
    {
        var r = Run("#ifdef X\nfoo\n");
        Assert.That(r.Diagnostics.Single().Message, Does.Contain("#endif is missing"));
    }
}
