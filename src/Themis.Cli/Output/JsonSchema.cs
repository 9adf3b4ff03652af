namespace Themis.Cli.Output;

/// <summary>The version of the --json document layout; raised only when a field changes meaning or disappears.</summary>
internal static class JsonSchema
{
    public const int Version = 1;
}
