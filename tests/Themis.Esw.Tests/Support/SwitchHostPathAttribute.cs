namespace Themis.Esw.Tests.Support;

/// <summary>Where the build put themis-switch.dll (written by the project file), for the interface backend.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class SwitchHostPathAttribute(string path) : Attribute
{
    public string Path { get; } = path;
}
