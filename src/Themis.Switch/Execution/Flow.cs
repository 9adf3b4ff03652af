namespace Themis.Switch.Execution;

/// <summary>What a compiled statement tells the enclosing block to do next.</summary>
internal static class Flow
{
    /// <summary>Go on with the next statement.</summary>
    public const int Next = 0;

    /// <summary><c>return</c>: leave the action, function or control.</summary>
    public const int Return = 1;

    /// <summary><c>exit</c>: leave every enclosing control of the current pipeline stage.</summary>
    public const int Exit = 2;

    /// <summary>A parser statement failed (<see cref="PacketState.ParserError"/> is set): go to reject.</summary>
    public const int Reject = 3;
}
