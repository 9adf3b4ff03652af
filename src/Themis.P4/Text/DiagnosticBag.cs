using System.Globalization;
using System.Text;

namespace Themis.P4.Text;

/// <summary>Collects diagnostics; never throws, so one pass reports every problem it finds.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly HashSet<(SourceLocation, string)> _seen = [];

    public DiagnosticBag(SourceText? text = null)
    {
        Text = text;
    }

    public SourceText? Text { get; set; }

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Add(Diagnostic diagnostic)
    {
        // The same message at the same place (for instance from a recovered parse) is reported once.
        if (_seen.Add((diagnostic.Location, diagnostic.Message)))
        {
            _items.Add(diagnostic);
        }
    }

    public void Error(SourceLocation location, string message) => Add(new Diagnostic(DiagnosticSeverity.Error, location, message));

    public void Warning(SourceLocation location, string message) => Add(new Diagnostic(DiagnosticSeverity.Warning, location, message));

    public void Error(TextSpan span, string message) => Error(Locate(span), message);

    public void Warning(TextSpan span, string message) => Warning(Locate(span), message);

    public SourceLocation Locate(TextSpan span) => Text?.GetLocation(span.Start) ?? SourceLocation.None;

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Add(d);
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var d in _items)
        {
            sb.AppendLine(d.ToString());
        }
        return sb.ToString();
    }
}
