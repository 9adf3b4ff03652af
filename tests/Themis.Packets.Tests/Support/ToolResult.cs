namespace Themis.Packets.Tests.Support;

internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);
