using Themis.P4.P4Info;

namespace Themis.P4.Tests.Corpus;

/// <summary>
/// The program corpus: every program under data/accept compiles without errors and its P4Info
/// equals the golden .p4info.txtpb next to it; every program under data/reject gives exactly the
/// diagnostic written in its first line (<c>// expect: line:col: error: message</c>).
/// </summary>
public sealed class CorpusTests
{
    private static string DataDirectory(string kind) => Path.Combine(TestContext.CurrentContext.TestDirectory, "data", kind);

    public static IEnumerable<string> AcceptedPrograms() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "accept"), "*.p4").Select(Path.GetFileName).Order()!;

    public static IEnumerable<string> RejectedPrograms() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "reject"), "*.p4").Select(Path.GetFileName).Order()!;

    [TestCaseSource(nameof(AcceptedPrograms))]
    public void Compile_AcceptedProgram_HasNoErrorsAndMatchesGoldenP4Info(string file)
    {
        var path = Path.Combine(DataDirectory("accept"), file);
        var result = P4Compiler.Compile(path);
        Assert.That(result.Errors, Is.Empty, string.Join('\n', result.Diagnostics));
        Assert.That(result.Program, Is.Not.Null);

        var info = P4InfoGenerator.Generate(result.Program!, out var idDiagnostics);
        Assert.That(idDiagnostics, Is.Empty);
        var golden = File.ReadAllText(Path.ChangeExtension(path, ".p4info.txtpb"));
        Assert.That(P4InfoGenerator.ToText(info), Is.EqualTo(golden));
    }

    [TestCaseSource(nameof(RejectedPrograms))]
    public void Compile_RejectedProgram_ReportsExactlyTheExpectedDiagnostic(string file)
    {
        var path = Path.Combine(DataDirectory("reject"), file);
        var firstLine = File.ReadLines(path).First();
        Assert.That(firstLine, Does.StartWith("// expect: "), "each reject program starts with its expected diagnostic");
        var expected = $"{path}:{firstLine["// expect: ".Length..]}";

        var result = P4Compiler.Compile(path);

        Assert.That(result.Success, Is.False);
        Assert.That(result.Program, Is.Null);
        Assert.That(result.Errors.Select(d => d.ToString()), Is.EqualTo(new[] { expected }));
    }
}
