using System.Globalization;
using System.Text;

namespace Themis.P4.Text;

/// <summary>One message about the program, with where it applies.</summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, SourceLocation Location, string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The form compilers print: <c>file:line:col: error: message</c>.</summary>
    public override string ToString() =>
        $"{Location}: {(IsError ? "error" : "warning")}: {Message}";
}
