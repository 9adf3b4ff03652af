using System.Numerics;
using Themis.P4.Syntax;

namespace Themis.P4.Semantics;

/// <summary>The <c>error</c> type: every <c>error { }</c> declaration of the program adds members.</summary>
public sealed class ErrorType : P4Type
{
    private readonly List<string> _members = [];

    public IReadOnlyList<string> Members => _members;

    /// <summary>Index of a member (its run-time code), or -1.</summary>
    public int IndexOf(string member) => _members.IndexOf(member);

    internal void Add(string member) => _members.Add(member);

    public override string ToString() => "error";
}
