using V1 = global::P4.V1;

namespace Themis.Switch.Server;

/// <summary>One StreamChannel: its arbitration identity and a serialised writer.</summary>
internal sealed class StreamConnection(long id, Func<V1.StreamMessageResponse, Task> write)
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public long Id { get; } = id;

    public bool Arbitrated { get; set; }

    public ulong DeviceId { get; set; }

    public string Role { get; set; } = string.Empty;

    public UInt128 ElectionId { get; set; }

    /// <summary>Sends a message; gRPC streams need writes one at a time. Failures end silently: the reader notices the broken stream.</summary>
    public async Task SendAsync(V1.StreamMessageResponse message)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await write(message).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The call has completed; the connection is being removed.
        }
        catch (IOException)
        {
            // The peer went away; the connection is being removed.
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
