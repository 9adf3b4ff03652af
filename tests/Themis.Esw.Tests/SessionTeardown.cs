using Themis.Esw.Tests.Support;

namespace Themis.Esw.Tests;

/// <summary>Stops the switches (and any switch process and network namespace) after the last test of the run.</summary>
[SetUpFixture]
public sealed class SessionTeardown
{
    [OneTimeTearDown]
    public async Task CloseSwitchesAsync() => await SwitchSessions.CloseAllAsync();
}
