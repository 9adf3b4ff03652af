using System.Reflection;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// Where the build put one of the project's programs (written by the project file): the interface backend runs
/// themis-switch, the testbed test also themis-controller and themis-host, each with `dotnet exec`.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class BuiltToolAttribute(string name, string path) : Attribute
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    /// <summary>The built program's .dll, or null when it is not there.</summary>
    public static string? Find(string name) =>
        typeof(BuiltToolAttribute).Assembly.GetCustomAttributes<BuiltToolAttribute>().FirstOrDefault(a => a.Name == name)?.Path is { } path && File.Exists(path)
            ? path
            : null;
}
