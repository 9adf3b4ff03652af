using Google.Rpc;

namespace Themis.Switch.Server;

/// <summary>Why one update or read failed: a canonical code and a message saying what to fix.</summary>
public sealed class UpdateError : Exception
{
    /// <summary>Creates an error.</summary>
    public UpdateError(Code code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates an error with the default message.</summary>
    public UpdateError()
        : this(Code.Unknown, "Unknown error.")
    {
    }

    /// <summary>Creates an error with a message.</summary>
    public UpdateError(string message)
        : this(Code.Unknown, message)
    {
    }

    /// <summary>Creates an error wrapping another.</summary>
    public UpdateError(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = Code.Unknown;
    }

    /// <summary>Canonical code (google.rpc.Code).</summary>
    public Code Code { get; }

    internal static UpdateError Invalid(string message) => new(Code.InvalidArgument, message);
}
