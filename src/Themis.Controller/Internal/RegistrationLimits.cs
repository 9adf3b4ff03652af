namespace Themis.Controller.Internal;

/// <summary>Bounds of the registration state.</summary>
/// <param name="GracePeriod">How long a create event may wait for its pair's handshake digest.</param>
/// <param name="MaxPending">Pending registrations held in total.</param>
/// <param name="MaxPendingPerHost">Pending registrations held per source host, so one host cannot crowd out the rest.</param>
internal sealed record RegistrationLimits(TimeSpan GracePeriod, int MaxPending, int MaxPendingPerHost);
