using Google.Protobuf;
using Themis.P4;
using Themis.P4.P4Info;

namespace Themis.P4.Tool;

/// <summary>
/// <c>themis-p4 check FILE [--p4info-out FILE] [--format text|binary|json] [-I DIR] [-D NAME[=VALUE]]</c>:
/// checks a v1model P4 program, prints diagnostics as file:line:col: error: message, and writes its P4Info.
/// Exit codes: 0 accepted, 1 errors in the program, 2 bad command line or output failure.
/// </summary>
internal static class Program
{
    private const string Usage = "usage: themis-p4 check FILE [--p4info-out FILE] [--format text|binary|json] [-I DIR]... [-D NAME[=VALUE]]...";

    public static int Main(string[] args)
    {
        if (args.Length < 2 || args[0] != "check")
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        string file = args[1];
        string? output = null;
        string format = "text";
        var includes = new List<string>();
        var defines = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 2; i < args.Length; i++)
        {
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--p4info-out":
                    output = Next();
                    break;
                case "--format":
                    format = Next() ?? "";
                    break;
                case "-I":
                    includes.Add(Next() ?? ".");
                    break;
                case "-D":
                    {
                        var d = Next() ?? "";
                        int eq = d.IndexOf('=', StringComparison.Ordinal);
                        defines[eq < 0 ? d : d[..eq]] = eq < 0 ? "1" : d[(eq + 1)..];
                        break;
                    }
                default:
                    Console.Error.WriteLine($"themis-p4: unknown option '{args[i]}'");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        if (format is not ("text" or "binary" or "json"))
        {
            Console.Error.WriteLine($"themis-p4: --format must be text, binary or json, not '{format}'");
            return 2;
        }
        var result = P4Compiler.Compile(file, new P4CompilerOptions { IncludeDirectories = includes, Defines = defines });
        foreach (var d in result.Diagnostics)
        {
            Console.Error.WriteLine(d);
        }
        if (!result.Success)
        {
            return 1;
        }
        var info = P4InfoGenerator.Generate(result.Program!, out var idDiagnostics);
        foreach (var d in idDiagnostics)
        {
            Console.Error.WriteLine(d);
        }
        if (idDiagnostics.Any(d => d.IsError))
        {
            return 1;
        }
        if (output == null)
        {
            return 0;
        }
        try
        {
            switch (format)
            {
                case "binary":
                    File.WriteAllBytes(output, info.ToByteArray());
                    break;
                case "json":
                    File.WriteAllText(output, JsonFormatter.Default.Format(info));
                    break;
                default:
                    File.WriteAllText(output, P4InfoGenerator.ToText(info));
                    break;
            }
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"themis-p4: cannot write '{output}': {e.Message}");
            return 2;
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"themis-p4: cannot write '{output}': {e.Message}");
            return 2;
        }
        return 0;
    }
}
