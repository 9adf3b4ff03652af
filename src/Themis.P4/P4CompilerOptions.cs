using Themis.P4.Preprocessing;

namespace Themis.P4;

/// <summary>Options of <see cref="P4Compiler"/>.</summary>
public sealed record P4CompilerOptions
{
    /// <summary>Directories searched by <c>#include</c> (after the including file's directory for quoted names). Default: none; core.p4 and v1model.p4 are built in.</summary>
    public IReadOnlyList<string> IncludeDirectories { get; init; } = [];

    /// <summary>Macros defined before the program (like <c>-D NAME=VALUE</c>). Default: none.</summary>
    public IReadOnlyDictionary<string, string> Defines { get; init; } = new Dictionary<string, string>();

    /// <summary>Where source files are read from. Default: the file system.</summary>
    public ISourceFileReader Reader { get; init; } = FileSystemReader.Instance;
}
