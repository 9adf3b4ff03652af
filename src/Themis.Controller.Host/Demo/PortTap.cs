using Themis.Switch.Ports;

namespace Themis.Controller.Host.Demo;

/// <summary>
/// Reads what the switch sends out of one in-memory port, keeping frames a wait did not ask for so a later
/// wait (or the final tally) still sees them.
/// </summary>
internal sealed class PortTap
{
    private readonly List<byte[]> _unclaimed = [];

    public PortTap(InMemoryPort port, string name)
    {
        Port = port;
        Name = name;
    }

    public InMemoryPort Port { get; }

    public string Name { get; }

    public void Inject(byte[] frame) => Port.Inject(frame);

    /// <summary>The first frame (already seen or arriving within <paramref name="timeout"/>) that <paramref name="match"/> accepts.</summary>
    public async Task<byte[]?> ExpectAsync(Func<byte[], bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        int seen = _unclaimed.FindIndex(f => match(f));
        if (seen >= 0)
        {
            byte[] frame = _unclaimed[seen];
            _unclaimed.RemoveAt(seen);
            return frame;
        }

        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            byte[]? next = await Port.ReceiveAsync(deadline - DateTime.UtcNow, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                break;
            }

            if (match(next))
            {
                return next;
            }

            _unclaimed.Add(next);
        }

        return null;
    }

    /// <summary>Everything sent so far that no wait claimed, emptying the tap; waits <paramref name="settle"/> for stragglers.</summary>
    public async Task<List<byte[]>> DrainAsync(TimeSpan settle, CancellationToken cancellationToken)
    {
        var all = new List<byte[]>(_unclaimed);
        _unclaimed.Clear();
        while (await Port.ReceiveAsync(settle, cancellationToken).ConfigureAwait(false) is { } frame)
        {
            all.Add(frame);
        }

        return all;
    }
}
