namespace Themis.Esw.Tests.Support;

/// <summary>Where the build put themis-controller.dll (written by the project file), for the testbed test.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class ControllerHostPathAttribute(string path) : Attribute
{
    public string Path { get; } = path;
}
