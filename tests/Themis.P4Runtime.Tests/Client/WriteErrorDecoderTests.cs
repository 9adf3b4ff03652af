using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using P4.Config.V1;
using P4.V1;
using Themis.P4Runtime.Client.Internal;
using RpcStatus = Google.Rpc.Status;

namespace Themis.P4Runtime.Tests.Client;

public sealed class WriteErrorDecoderTests
{
    private const uint TableId = 0x0200_0001;

    [Test]
    public void ToException_PerUpdateErrors_ListsOnlyTheFailedUpdates()
    {
        List<Update> updates = [Insert(1), Insert(2), Delete(3)];
        RpcException rpc = ServerRejection(
            StatusCode.Unknown,
            "Write failure.",
            Error(StatusCode.OK, ""),
            Error(StatusCode.AlreadyExists, "Match entry exists, use MODIFY if you wish to change action"),
            Error(StatusCode.NotFound, "Cannot find match entry"));

        P4RuntimeWriteException e = WriteErrorDecoder.ToException(rpc, updates, WriteRequest.Types.Atomicity.ContinueOnError, null, null);

        Assert.That(e.StatusCode, Is.EqualTo(StatusCode.Unknown));
        Assert.That(e.BatchSize, Is.EqualTo(3));
        Assert.That(e.Failures.Select(f => f.Index), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(e.Failures[0].Code, Is.EqualTo(StatusCode.AlreadyExists));
        Assert.That(e.Failures[0].Update, Is.SameAs(updates[1]));
        Assert.That(e.Failures[0].EntityKind, Is.EqualTo(Entity.EntityOneofCase.TableEntry));
        Assert.That(e.Failures[1].Code, Is.EqualTo(StatusCode.NotFound));
        Assert.That(e.Failures[1].Message, Is.EqualTo("Cannot find match entry"));
        Assert.That(e.InnerException, Is.SameAs(rpc));
    }

    [Test]
    public void ToException_WithP4InfoNames_MessageNamesEachFailedUpdate()
    {
        List<Update> updates = [Insert(1), Delete(3)];
        RpcException rpc = ServerRejection(
            StatusCode.Unknown,
            "Write failure.",
            Error(StatusCode.AlreadyExists, "Match entry exists"),
            Error(StatusCode.OK, ""));
        var p4Info = new P4Info();
        p4Info.Tables.Add(new Table { Preamble = new Preamble { Id = TableId, Name = "MyIngress.qp_field", Alias = "qp_field" } });

        P4RuntimeWriteException e = WriteErrorDecoder.ToException(
            rpc, updates, WriteRequest.Types.Atomicity.ContinueOnError, new P4InfoNames(p4Info), null);

        Assert.That(e.Message, Does.Contain("failed for 1 of 2 updates"));
        Assert.That(e.Message, Does.Contain("CONTINUE_ON_ERROR; the others were applied"));
        Assert.That(e.Message, Does.Contain("[0] INSERT table_entry MyIngress.qp_field (0x02000001): ALREADY_EXISTS: Match entry exists"));
        Assert.That(e.Message, Does.Not.Contain("[1]"));
    }

    [Test]
    public void ToException_RollbackAtomicity_SaysTheBatchWasNotApplied()
    {
        RpcException rpc = ServerRejection(StatusCode.Unknown, "", Error(StatusCode.InvalidArgument, "bad key"));

        P4RuntimeWriteException e = WriteErrorDecoder.ToException(
            rpc, [Insert(1)], WriteRequest.Types.Atomicity.RollbackOnError, null, null);

        Assert.That(e.Atomicity, Is.EqualTo(WriteRequest.Types.Atomicity.RollbackOnError));
        Assert.That(e.Message, Does.Contain("ROLLBACK_ON_ERROR; the batch was not applied"));
        Assert.That(e.Message, Does.Contain("INVALID_ARGUMENT: bad key"));
    }

    [Test]
    public void ToException_TargetSpecificSpaceAndCode_AreKeptAndShown()
    {
        var error = new Error
        {
            CanonicalCode = (int)StatusCode.ResourceExhausted,
            Message = "table full",
            Space = "targetX-psa-vendor1",
            Code = 17,
        };
        RpcException rpc = ServerRejection(StatusCode.Unknown, "", error);

        P4RuntimeWriteException e = WriteErrorDecoder.ToException(rpc, [Insert(1)], default, null, null);

        Assert.That(e.Failures.Single().Space, Is.EqualTo("targetX-psa-vendor1"));
        Assert.That(e.Failures.Single().TargetCode, Is.EqualTo(17));
        Assert.That(e.Message, Does.Contain("RESOURCE_EXHAUSTED: table full [targetX-psa-vendor1 17]"));
    }

    [Test]
    public void ToException_NotPrimary_HasNoFailuresAndExplainsArbitration()
    {
        // BMv2's server refuses a backup's Write with PERMISSION_DENIED "Not master" and no details.
        var rpc = new RpcException(new Status(StatusCode.PermissionDenied, "Not master"));

        P4RuntimeWriteException e = WriteErrorDecoder.ToException(rpc, [Insert(1), Insert(2)], default, null, "This client: Backup.");

        Assert.That(e.Failures, Is.Empty);
        Assert.That(e.IsNotPrimary, Is.True);
        Assert.That(e.ServerMessage, Is.EqualTo("Not master"));
        Assert.That(e.Message, Does.Contain("Write of 2 updates was rejected: PERMISSION_DENIED: Not master"));
        Assert.That(e.Message, Does.Contain("primary controller"));
        Assert.That(e.Message, Does.Contain("This client: Backup."));
    }

    [Test]
    public void ToException_MalformedStatusDetails_DoesNotThrowAndReportsTheBatchStatus()
    {
        var trailers = new Metadata { { WriteErrorDecoder.StatusDetailsTrailer, new byte[] { 0x0a, 0xff, 0xff, 0x01 } } };
        var rpc = new RpcException(new Status(StatusCode.Unknown, "Write failure."), trailers);

        P4RuntimeWriteException e = WriteErrorDecoder.ToException(rpc, [Insert(1)], default, null, null);

        Assert.That(e.Failures, Is.Empty);
        Assert.That(e.Message, Does.Contain("UNKNOWN: Write failure."));
    }

    [Test]
    public void ToException_DetailsThatAreNotP4ErrorsOrBeyondTheBatch_AreCountedNotThrown()
    {
        var status = new RpcStatus { Code = (int)StatusCode.Unknown, Message = "Write failure." };
        status.Details.Add(Any.Pack(new StringValue { Value = "not an error" }));
        status.Details.Add(Any.Pack(Error(StatusCode.Internal, "boom")));
        status.Details.Add(Any.Pack(Error(StatusCode.Internal, "no such update")));
        RpcException rpc = WithStatus(StatusCode.Unknown, "Write failure.", status);

        P4RuntimeWriteException e = WriteErrorDecoder.ToException(rpc, [Insert(1), Insert(2)], default, null, null);

        Assert.That(e.Failures.Select(f => f.Index), Is.EqualTo(new[] { 1 }));
        Assert.That(e.Message, Does.Contain("2 of 3 error details could not be matched"));
    }

    [Test]
    public void TryGetStatus_NoTrailer_ReturnsNull()
    {
        Assert.That(WriteErrorDecoder.TryGetStatus(new Metadata()), Is.Null);
        Assert.That(WriteErrorDecoder.TryGetStatus(null), Is.Null);
    }

    [Test]
    public void DecodeFailures_AllOk_ReturnsNoFailures()
    {
        var status = new RpcStatus { Code = (int)StatusCode.Unknown };
        status.Details.Add(Any.Pack(Error(StatusCode.OK, "")));
        status.Details.Add(Any.Pack(Error(StatusCode.OK, "")));

        IReadOnlyList<UpdateFailure> failures = WriteErrorDecoder.DecodeFailures(status, [Insert(1), Insert(2)], out int unusable);

        Assert.That(failures, Is.Empty);
        Assert.That(unusable, Is.Zero);
    }

    private static Error Error(StatusCode code, string message) => new() { CanonicalCode = (int)code, Message = message };

    // As a server sends it: the gRPC status plus a serialised google.rpc.Status whose details are packed
    // p4.v1.Error messages, one per update, in the grpc-status-details-bin trailer.
    private static RpcException ServerRejection(StatusCode code, string message, params Error[] perUpdate)
    {
        var status = new RpcStatus { Code = (int)code, Message = message };
        foreach (Error error in perUpdate)
        {
            status.Details.Add(Any.Pack(error));
        }

        return WithStatus(code, message, status);
    }

    private static RpcException WithStatus(StatusCode code, string message, RpcStatus status)
    {
        var trailers = new Metadata { { WriteErrorDecoder.StatusDetailsTrailer, status.ToByteArray() } };
        return new RpcException(new Status(code, message), trailers);
    }

    private static Update Insert(byte key) => MakeUpdate(Update.Types.Type.Insert, key);

    private static Update Delete(byte key) => MakeUpdate(Update.Types.Type.Delete, key);

    private static Update MakeUpdate(Update.Types.Type type, byte key)
    {
        var entry = new TableEntry { TableId = TableId };
        entry.Match.Add(new FieldMatch { FieldId = 1, Exact = new FieldMatch.Types.Exact { Value = ByteString.CopyFrom(key) } });
        return new Update { Type = type, Entity = new Entity { TableEntry = entry } };
    }
}
