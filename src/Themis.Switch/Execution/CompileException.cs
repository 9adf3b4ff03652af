namespace Themis.Switch.Execution;

/// <summary>A construct the executor cannot compile; reported as a pipeline config error, never thrown per packet.</summary>
internal sealed class CompileException(string message) : Exception(message);
