using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Themis.Controller.Tests.Support;

/// <summary>
/// Collects the log of a test's controllers and switch; <see cref="Dump"/> writes it to the test output, which
/// integration tests do when they fail so the reason is on record.
/// </summary>
internal sealed class TestLog : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();

    public LogLevel MinimumLevel { get; init; } = LogLevel.Debug;

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dump(TextWriter writer)
    {
        foreach (string line in _lines)
        {
            writer.WriteLine(line);
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(TestLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            double ms = System.Diagnostics.Stopwatch.GetElapsedTime(owner._start).TotalMilliseconds;
            owner._lines.Enqueue($"{ms,9:F1} ms {logLevel,-11} {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
        }
    }
}
