using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Themis.Switch.Pipeline;
using V1 = global::P4.V1;

namespace Themis.Switch.Server;

/// <summary>The P4Runtime gRPC service of the switch (p4runtime.proto service P4Runtime).</summary>
public sealed class P4RuntimeService(SwitchRuntime runtime) : V1.P4Runtime.P4RuntimeBase
{
    /// <summary>P4Runtime API version implemented.</summary>
    public const string ApiVersion = "1.4.1";

    /// <inheritdoc />
    public override Task<V1.CapabilitiesResponse> Capabilities(V1.CapabilitiesRequest request, ServerCallContext context) =>
        Task.FromResult(new V1.CapabilitiesResponse { P4RuntimeApiVersion = ApiVersion });

    /// <inheritdoc />
    public override async Task<V1.SetForwardingPipelineConfigResponse> SetForwardingPipelineConfig(V1.SetForwardingPipelineConfigRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        CheckDevice(request.DeviceId);
        CheckPrimary(request.Role, request.ElectionId);
        V1.ForwardingPipelineConfig config = request.Config ?? new V1.ForwardingPipelineConfig();
        ulong cookie = config.Cookie?.Cookie_ ?? 0;
        switch (request.Action)
        {
            case V1.SetForwardingPipelineConfigRequest.Types.Action.Unspecified:
                throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "Invalid SetForwardingPipeline action"));
            case V1.SetForwardingPipelineConfigRequest.Types.Action.Commit:
                if (!runtime.TryCommitSaved())
                {
                    throw new RpcException(new Grpc.Core.Status(StatusCode.FailedPrecondition, "COMMIT needs a config saved by VERIFY_AND_SAVE first."));
                }

                break;
            default:
                PipelineDefinition definition = Compile(config);
                if (request.Action == V1.SetForwardingPipelineConfigRequest.Types.Action.VerifyAndSave)
                {
                    runtime.Save(definition, cookie);
                }
                else if (request.Action == V1.SetForwardingPipelineConfigRequest.Types.Action.ReconcileAndCommit)
                {
                    try
                    {
                        await runtime.ReconcileAsync(definition, cookie, context.CancellationToken).ConfigureAwait(false);
                    }
                    catch (UpdateError e)
                    {
                        throw new RpcException(new Grpc.Core.Status((StatusCode)(int)e.Code, e.Message));
                    }
                }
                else if (request.Action != V1.SetForwardingPipelineConfigRequest.Types.Action.Verify)
                {
                    runtime.Commit(definition, cookie);
                }

                break;
        }

        return new V1.SetForwardingPipelineConfigResponse();
    }

    /// <inheritdoc />
    public override Task<V1.GetForwardingPipelineConfigResponse> GetForwardingPipelineConfig(V1.GetForwardingPipelineConfigRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckDevice(request.DeviceId);
        SwitchState state = runtime.Switch.State ?? throw new RpcException(new Grpc.Core.Status(StatusCode.FailedPrecondition, "No forwarding pipeline config set for this device"));
        var config = new V1.ForwardingPipelineConfig { Cookie = new V1.ForwardingPipelineConfig.Types.Cookie { Cookie_ = runtime.Cookie } };
        V1.GetForwardingPipelineConfigRequest.Types.ResponseType type = request.ResponseType;
        if (type is V1.GetForwardingPipelineConfigRequest.Types.ResponseType.All or V1.GetForwardingPipelineConfigRequest.Types.ResponseType.P4InfoAndCookie)
        {
            config.P4Info = state.Definition.P4Info;
        }

        if (type is V1.GetForwardingPipelineConfigRequest.Types.ResponseType.All or V1.GetForwardingPipelineConfigRequest.Types.ResponseType.DeviceConfigAndCookie)
        {
            config.P4DeviceConfig = state.Definition.DeviceConfig;
        }

        return Task.FromResult(new V1.GetForwardingPipelineConfigResponse { Config = config });
    }

    /// <inheritdoc />
    public override async Task<V1.WriteResponse> Write(V1.WriteRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        CheckDevice(request.DeviceId);
        CheckPrimary(request.Role, request.ElectionId);
        if (runtime.Switch.State is null)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.FailedPrecondition, "No forwarding pipeline config set for this device"));
        }

        IReadOnlyList<V1.Error> errors;
        switch (request.Atomicity)
        {
            case V1.WriteRequest.Types.Atomicity.ContinueOnError:
                errors = Apply(request, allOrNothing: false);
                break;
            case V1.WriteRequest.Types.Atomicity.RollbackOnError or V1.WriteRequest.Types.Atomicity.DataplaneAtomic when runtime.Options.StrictBmv2:
                // PI refuses these (device_mgr.cpp write_), and so does strict mode.
                throw new RpcException(new Grpc.Core.Status(StatusCode.Unimplemented, "Support for atomic write modes has not been implemented yet"));
            case V1.WriteRequest.Types.Atomicity.RollbackOnError:
                errors = Apply(request, allOrNothing: true);
                break;
            case V1.WriteRequest.Types.Atomicity.DataplaneAtomic:
                // All-or-nothing, applied on the pipeline loop between two packets.
                errors = await runtime.Switch.RunBetweenPacketsAsync(() => Apply(request, allOrNothing: true), context.CancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, $"Unknown atomicity {(int)request.Atomicity}; use CONTINUE_ON_ERROR, ROLLBACK_ON_ERROR or DATAPLANE_ATOMIC."));
        }

        int failed = errors.Count(e => e.CanonicalCode != (int)Code.Ok);
        if (failed == 0)
        {
            return new V1.WriteResponse();
        }

        // The update that failed, not one rolled back because of it.
        V1.Error first = errors.FirstOrDefault(e => e.CanonicalCode is not (int)Code.Ok and not (int)Code.Aborted) ?? errors.First(e => e.CanonicalCode != (int)Code.Ok);
        string message = $"{failed} of {errors.Count} updates failed; first: {first.Message}";
        var status = new Google.Rpc.Status { Code = (int)Code.Unknown, Message = message };
        status.Details.AddRange(errors.Select(Google.Protobuf.WellKnownTypes.Any.Pack));
        throw new RpcException(new Grpc.Core.Status(StatusCode.Unknown, message), new Metadata { { "grpc-status-details-bin", status.ToByteArray() } });
    }

    private IReadOnlyList<V1.Error> Apply(V1.WriteRequest request, bool allOrNothing)
    {
        try
        {
            return runtime.Device.ApplyBatch(request.Updates, allOrNothing);
        }
        catch (UpdateError e)
        {
            throw new RpcException(new Grpc.Core.Status((StatusCode)(int)e.Code, e.Message));
        }
    }

    /// <inheritdoc />
    public override async Task Read(V1.ReadRequest request, IServerStreamWriter<V1.ReadResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        CheckDevice(request.DeviceId);
        if (runtime.Switch.State is null)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.FailedPrecondition, "No forwarding pipeline config set for this device"));
        }

        var response = new V1.ReadResponse();
        try
        {
            foreach (V1.Entity filter in request.Entities)
            {
                response.Entities.AddRange(runtime.Reads.Read(filter));
            }
        }
        catch (UpdateError e)
        {
            throw new RpcException(new Grpc.Core.Status((StatusCode)(int)e.Code, e.Message));
        }

        await responseStream.WriteAsync(response, context.CancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task StreamChannel(IAsyncStreamReader<V1.StreamMessageRequest> requestStream, IServerStreamWriter<V1.StreamMessageResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        var connection = new StreamConnection(runtime.NextStreamId(), runtime.Options.PacketInQueueCapacity);
        using var stopWriter = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        using var stopReads = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        // The stream's only writer: everything sent to this client goes through its queue, in order.
        Task writer = WriteAsync(connection, new GrpcStreamSink(responseStream), stopWriter.Token, stopReads);
        bool drain = false;
        try
        {
            while (await requestStream.MoveNext(stopReads.Token).ConfigureAwait(false))
            {
                V1.StreamMessageRequest request = requestStream.Current;
                switch (request.UpdateCase)
                {
                    case V1.StreamMessageRequest.UpdateOneofCase.Arbitration:
                        if (runtime.Arbitrator.Arbitrate(connection, request.Arbitration) is { } error)
                        {
                            throw new RpcException(new Grpc.Core.Status(error.Code, error.Message));
                        }

                        break;
                    case V1.StreamMessageRequest.UpdateOneofCase.Packet:
                        await PacketOutAsync(connection, request.Packet, context.CancellationToken).ConfigureAwait(false);
                        break;
                    case V1.StreamMessageRequest.UpdateOneofCase.DigestAck:
                        if (runtime.Arbitrator.IsPrimary(connection))
                        {
                            runtime.Digests.Ack(request.DigestAck);
                        }

                        break;
                    default:
                        connection.Enqueue(StreamError(Code.InvalidArgument, "Invalid stream message request type"));
                        break;
                }
            }

            // The client closed its side: what is queued still goes out before the call ends.
            drain = true;
        }
        catch (OperationCanceledException) when (stopReads.IsCancellationRequested)
        {
            // The client went away, or the writer stopped (an error it hit ends the call below).
        }
        finally
        {
            runtime.Arbitrator.Remove(connection);
            connection.Complete();
            if (!drain)
            {
                // The call ends with an error or was cancelled: queued messages are discarded, and no write may
                // outlive the call.
                await stopWriter.CancelAsync().ConfigureAwait(false);
            }

            await writer.ConfigureAwait(false);
        }
    }

    // A writer that stops before the call ends (the stream broke, or a write failed) ends the call too: the
    // client must not keep a stream that silently delivers nothing; it reconnects instead.
    private static async Task WriteAsync(StreamConnection connection, IStreamMessageSink sink, CancellationToken cancellationToken, CancellationTokenSource stopReads)
    {
        try
        {
            await connection.RunWriterAsync(sink, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopReads.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task PacketOutAsync(StreamConnection connection, V1.PacketOut packet, CancellationToken cancellationToken)
    {
        if (!runtime.Arbitrator.IsPrimary(connection))
        {
            connection.Enqueue(StreamError(Code.PermissionDenied, "Not primary: only the primary client may send PacketOut", packet));
            return;
        }

        try
        {
            await runtime.SendPacketOutAsync(packet, cancellationToken).ConfigureAwait(false);
        }
        catch (UpdateError e)
        {
            connection.Enqueue(StreamError(e.Code, e.Message, packet));
        }
    }

    private static V1.StreamMessageResponse StreamError(Code code, string message, V1.PacketOut? packet = null)
    {
        var error = new V1.StreamError { CanonicalCode = (int)code, Message = message, Space = "ALL-themis-switch" };
        if (packet is not null)
        {
            error.PacketOut = new V1.PacketOutError { PacketOut = packet };
        }

        return new V1.StreamMessageResponse { Error = error };
    }

    private void CheckDevice(ulong deviceId)
    {
        if (deviceId != runtime.Switch.Options.DeviceId)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.NotFound, $"Device id {deviceId} does not exist; this switch is device {runtime.Switch.Options.DeviceId}."));
        }
    }

    private void CheckPrimary(string role, V1.Uint128? electionId)
    {
        // PI accepts requests without an election id while no client has a stream open.
        if (electionId is null && !runtime.Arbitrator.HasConnections)
        {
            return;
        }

        UInt128 id = electionId is null ? UInt128.Zero : new UInt128(electionId.High, electionId.Low);
        if (!runtime.Arbitrator.IsPrimary(role ?? string.Empty, id))
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.PermissionDenied, "Not primary"));
        }
    }

    private PipelineDefinition Compile(V1.ForwardingPipelineConfig config)
    {
        if (config.P4Info is null)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "The config has no p4info; send the P4Info with the device config."));
        }

        PipelineCompileResult result = runtime.Compiler.Compile(config.P4Info, config.P4DeviceConfig ?? ByteString.Empty);
        if (!result.Succeeded)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "The pipeline config is invalid:\n" + string.Join("\n", result.Errors)));
        }

        return result.Definition!;
    }
}
