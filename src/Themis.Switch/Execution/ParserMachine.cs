namespace Themis.Switch.Execution;

/// <summary>
/// A compiled parser: per state, its statements and its transition (returning the next state's
/// index). Runs until accept (returns <see cref="Flow.Next"/>) or reject (<see cref="Flow.Reject"/>,
/// with <see cref="PacketState.ParserError"/> set); headers extracted before an error stay valid, as in BMv2.
/// </summary>
internal sealed class ParserMachine
{
    /// <summary>Transitions allowed per packet before the parse fails with ParserTimeout (a looping program must not hang the switch).</summary>
    public const int StepLimit = 10_000;

    public required string Name { get; init; }

    public required string[] StateNames { get; init; }

    public required StmtFn[] Bodies { get; init; }

    public required Func<PacketState, int>[] Transitions { get; init; }

    public required int Start { get; init; }

    public required int Accept { get; init; }

    public required int Reject { get; init; }

    public required ulong TimeoutError { get; init; }

    public int Run(PacketState s)
    {
        int state = Start;
        for (int steps = 0; steps < StepLimit; steps++)
        {
            if (state == Accept)
            {
                s.Trace?.Add($"{Name}: accept");
                return Flow.Next;
            }

            if (state == Reject)
            {
                s.Trace?.Add($"{Name}: reject (error {s.ParserError})");
                return Flow.Reject;
            }

            s.Trace?.Add($"{Name}: state {StateNames[state]}");
            if (Bodies[state](s) == Flow.Reject || s.Rejected)
            {
                s.Trace?.Add($"{Name}: reject in {StateNames[state]} (error {s.ParserError})");
                return Flow.Reject;
            }

            state = Transitions[state](s);
            if (s.Rejected)
            {
                s.Trace?.Add($"{Name}: reject in {StateNames[state]} (error {s.ParserError})");
                return Flow.Reject;
            }
        }

        s.ParserError = TimeoutError;
        return Flow.Reject;
    }
}
