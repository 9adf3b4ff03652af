namespace Themis.Controller.Tests.Support;

/// <summary>A controller running in the background of a test; stopping it waits (bounded) for RunAsync to end.</summary>
internal sealed class RunningController : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public RunningController(EswController controller)
    {
        Controller = controller;
        Run = controller.RunAsync(_stop.Token);
    }

    public EswController Controller { get; }

    public Task Run { get; }

    public ControllerStatus Status => Controller.Status;

    public Task<ControllerStatus> WaitForAsync(Func<ControllerStatus, bool> condition, CancellationToken cancellationToken, int seconds = 15) =>
        Controller.WaitForAsync(condition, TimeSpan.FromSeconds(seconds), cancellationToken);

    public Task<ControllerStatus> WaitPrimaryAsync(CancellationToken cancellationToken, int seconds = 15) =>
        WaitForAsync(s => s.Role == ControllerRole.Primary, cancellationToken, seconds);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            await StopAsync();
        }

        await Controller.DisposeAsync();
        _stop.Dispose();
    }
}
