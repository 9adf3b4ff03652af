using System.Numerics;
using Themis.P4.Syntax;
using Themis.P4.Text;

namespace Themis.P4.Semantics;

/// <summary>A match-action table.</summary>
public sealed class TableDeclaration
{
    internal TableDeclaration(string name, string controlPlaneName, ControlDeclaration control, IReadOnlyList<Annotation> annotations, TextSpan span)
    {
        Name = name;
        ControlPlaneName = controlPlaneName;
        Control = control;
        Annotations = annotations;
        Span = span;
    }

    public string Name { get; }

    /// <summary><c>MyIngress.ipv4_lpm</c>; honours <c>@name</c>.</summary>
    public string ControlPlaneName { get; internal set; }

    public ControlDeclaration Control { get; }

    public IReadOnlyList<Annotation> Annotations { get; }

    public TextSpan Span { get; }

    public IReadOnlyList<TableKey> Keys { get; internal set; } = [];

    public IReadOnlyList<TableActionReference> Actions { get; internal set; } = [];

    /// <summary>The default action; <c>NoAction()</c> when the program gives none (as p4c does).</summary>
    public ActionInvocation? DefaultAction { get; internal set; }

    public bool IsDefaultActionConst { get; internal set; }

    /// <summary>True when the program wrote <c>default_action</c> (false when NoAction was implied).</summary>
    public bool HasExplicitDefaultAction { get; internal set; }

    public IReadOnlyList<TableEntry> Entries { get; internal set; } = [];

    /// <summary>True for <c>const entries</c> (the control plane cannot change them).</summary>
    public bool AreEntriesConst { get; internal set; }

    /// <summary>The <c>size</c> property; null when absent (p4c then uses 1024).</summary>
    public BigInteger? Size { get; internal set; }

    /// <summary>The <c>size</c> p4c reports: the property, or 1024.</summary>
    public long EffectiveSize => Size is { } s ? (long)s : 1024;

    public ExternInstance? DirectCounter { get; internal set; }

    public ExternInstance? DirectMeter { get; internal set; }

    /// <summary><c>implementation = action_profile/action_selector</c>.</summary>
    public ExternInstance? Implementation { get; internal set; }

    public bool SupportTimeout { get; internal set; }

    /// <summary>True when a key is ternary, range or optional (entries need a priority).</summary>
    public bool NeedsPriority => Keys.Any(k => k.MatchKind is "ternary" or "range" or "optional");

    public override string ToString() => ControlPlaneName;
}
