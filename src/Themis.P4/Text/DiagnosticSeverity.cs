using System.Globalization;
using System.Text;

namespace Themis.P4.Text;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
