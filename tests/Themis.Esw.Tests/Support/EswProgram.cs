using System.IO.Compression;
using Google.Protobuf;
using P4.Config.V1;
using Themis.P4;
using Themis.P4.P4Info;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// The ESW program as a controller pushes it to the embedded switch: the P4Info our front end derives from
/// p4/v1model/themis_esw.p4, and the device config = a zip bundle of p4/ with a MAIN file naming the top-level
/// program (docs/embedded-switch.md, "Device config"). Built once per test run.
/// </summary>
public static class EswProgram
{
    public const string MainFile = "v1model/themis_esw.p4";
    private static readonly Lazy<(P4Info Info, ByteString Bundle)> s_program = new(Build);

    public static string SourceRoot => Path.Combine(AppContext.BaseDirectory, "p4");

    public static P4Info P4Info => s_program.Value.Info;

    public static ByteString DeviceConfig => s_program.Value.Bundle;

    private static (P4Info, ByteString) Build()
    {
        string main = Path.Combine(SourceRoot, MainFile);
        CompilationResult result = P4Compiler.Compile(main);
        if (!result.Success || result.Program is null)
        {
            throw new InvalidOperationException($"The ESW program does not compile with the front end:\n{string.Join('\n', result.Errors)}");
        }

        P4Info info = P4InfoGenerator.Generate(result.Program);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (string file in Directory.EnumerateFiles(SourceRoot, "*.p4", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                string name = Path.GetRelativePath(SourceRoot, file).Replace('\\', '/');
                zip.CreateEntryFromFile(file, name);
            }

            using var writer = new StreamWriter(zip.CreateEntry("MAIN").Open());
            writer.Write(MainFile);
        }

        return (info, ByteString.CopyFrom(buffer.ToArray()));
    }
}
