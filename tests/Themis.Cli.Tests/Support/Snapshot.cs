using System.Runtime.CompilerServices;

namespace Themis.Cli.Tests.Support;

/// <summary>
/// Compares output with a golden file under data/golden/. Set THEMIS_UPDATE_SNAPSHOTS=1 to rewrite the golden files
/// in the source tree from the actual output (then review the diff before committing).
/// </summary>
internal static class Snapshot
{
    public static void AssertMatches(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        string golden = EswSwitch.DataPath(Path.Combine("golden", name));
        if (Environment.GetEnvironmentVariable("THEMIS_UPDATE_SNAPSHOTS") == "1")
        {
            string projectDir = Path.GetDirectoryName(callerFile)!;
            while (Directory.GetFiles(projectDir, "*.csproj").Length == 0)
            {
                projectDir = Path.GetDirectoryName(projectDir) ?? throw new InvalidOperationException($"No project folder above {callerFile}.");
            }

            string source = Path.Combine(projectDir, "data", "golden", name);
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, actual);
            Assert.Warn($"Rewrote {source}.");
            return;
        }

        Assert.That(File.Exists(golden), Is.True, $"No golden file {name}; run with THEMIS_UPDATE_SNAPSHOTS=1 to create it. Actual:\n{actual}");
        string expected = File.ReadAllText(golden).ReplaceLineEndings("\n");
        Assert.That(actual.ReplaceLineEndings("\n"), Is.EqualTo(expected), $"Output differs from {name}.");
    }
}
