using System.Globalization;
using System.Text;
using Themis.P4.Text;

namespace Themis.P4.Preprocessing;

/// <summary>The preprocessed text of a compilation and the diagnostics of preprocessing.</summary>
public sealed record PreprocessResult(SourceText Source, IReadOnlyList<Diagnostic> Diagnostics);
