using System.Globalization;
using System.Text;
using Themis.P4.Text;

namespace Themis.P4.Preprocessing;

/// <summary>An object-like (<c>Parameters</c> null) or function-like macro.</summary>
public sealed record MacroDefinition(string Name, IReadOnlyList<string>? Parameters, string Body);
