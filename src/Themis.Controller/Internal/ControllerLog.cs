using Microsoft.Extensions.Logging;

namespace Themis.Controller.Internal;

/// <summary>The controller's log messages; event ids 3000-3999 belong to this project.</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(3000, LogLevel.Information, "Connecting to the switch at {Address} (device {DeviceId}, election id {ElectionId})")]
    public static partial void Connecting(this ILogger logger, Uri address, ulong deviceId, string electionId);

    [LoggerMessage(3001, LogLevel.Warning, "Cannot reach the switch at {Address}: {Reason}; retrying in {Delay}")]
    public static partial void ConnectFailed(this ILogger logger, Uri address, string reason, TimeSpan delay);

    [LoggerMessage(3002, LogLevel.Information, "Standby: controller {PrimaryElectionId} is primary; waiting to take over")]
    public static partial void Standby(this ILogger logger, string primaryElectionId);

    [LoggerMessage(3003, LogLevel.Information, "Taking over as primary with election id {ElectionId} (the previous primary left)")]
    public static partial void TakingOver(this ILogger logger, string electionId);

    [LoggerMessage(3004, LogLevel.Information, "Primary for the switch at {Address}")]
    public static partial void BecamePrimary(this ILogger logger, Uri address);

    [LoggerMessage(3005, LogLevel.Information, "Pushed the pipeline (cookie {Cookie:x16})")]
    public static partial void PipelinePushed(this ILogger logger, ulong cookie);

    [LoggerMessage(3006, LogLevel.Information, "The switch already runs this pipeline (cookie {Cookie:x16}); adopting its state")]
    public static partial void PipelineKept(this ILogger logger, ulong cookie);

    [LoggerMessage(3007, LogLevel.Information, "Rebuilt from the switch: {Adopted} flows adopted, {Removed} conflicting entries removed, {CnpStore} cnp_store entries kept")]
    public static partial void Rebuilt(this ILogger logger, int adopted, int removed, int cnpStore);

    [LoggerMessage(3008, LogLevel.Information, "Serving: {Entries} static entries, {Dummies} dummies injected")]
    public static partial void Serving(this ILogger logger, int entries, int dummies);

    [LoggerMessage(3009, LogLevel.Warning, "Session with the switch ended: {Reason}")]
    public static partial void SessionEnded(this ILogger logger, string reason);

    [LoggerMessage(3010, LogLevel.Information, "Lost primary role: {Reason}")]
    public static partial void LostPrimary(this ILogger logger, string reason);

    [LoggerMessage(3020, LogLevel.Debug, "Daemon packet from {Source}: {Outcome}")]
    public static partial void DaemonPacket(this ILogger logger, string source, DaemonOutcome outcome);

    [LoggerMessage(3021, LogLevel.Warning, "Refused daemon packet from {Source} on port {Port}: {Outcome}")]
    public static partial void DaemonRefused(this ILogger logger, string source, uint port, DaemonOutcome outcome);

    [LoggerMessage(3031, LogLevel.Warning, "Refused {Count} more daemon packets without logging each (at most {PerSecond} such warnings a second); themis_controller_daemon_packets_total counts them by outcome")]
    public static partial void DaemonRefusalsSuppressed(this ILogger logger, long count, int perSecond);

    [LoggerMessage(3022, LogLevel.Error, "No free flow slot for {Key} (all {Capacity} in use): the flow is not registered. Raise themis.flowSlots (and the program's MAX_FLOWS) or destroy idle QPs")]
    public static partial void SlotsExhausted(this ILogger logger, string key, int capacity);

    [LoggerMessage(3023, LogLevel.Debug, "Handshake verified {Pair} (new: {IsNew}); {Promoted} pending registrations promoted")]
    public static partial void Handshake(this ILogger logger, string pair, bool isNew, int promoted);

    [LoggerMessage(3024, LogLevel.Debug, "CNP copy for {Qp}: {Outcome}")]
    public static partial void CnpCopy(this ILogger logger, string qp, CnpOutcome outcome);

    [LoggerMessage(3025, LogLevel.Warning, "The switch refused {Count} update(s); first: {Update} ({Code}: {Message})")]
    public static partial void WriteRefused(this ILogger logger, int count, string update, string code, string message);

    [LoggerMessage(3026, LogLevel.Warning, "Control packet {Op} #{RequestId} (index {Index}) got no reply in {Timeout}")]
    public static partial void ControlTimeout(this ILogger logger, string op, uint requestId, uint index, TimeSpan timeout);

    [LoggerMessage(3027, LogLevel.Warning, "Control packet {Op} (index {Index}) failed: {Status}")]
    public static partial void ControlFailed(this ILogger logger, string op, uint index, string status);

    [LoggerMessage(3028, LogLevel.Debug, "Ignored a packet-in (reason {Reason}, port {Port}, {Length} bytes)")]
    public static partial void PacketInIgnored(this ILogger logger, string reason, uint port, int length);

    [LoggerMessage(3029, LogLevel.Information, "Rotated the SYN-cookie secrets")]
    public static partial void SecretsRotated(this ILogger logger);

    [LoggerMessage(3030, LogLevel.Information, "Metrics and status at http://{Endpoint}/metrics and /status")]
    public static partial void HttpListening(this ILogger logger, string endpoint);
}
