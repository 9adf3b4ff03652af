namespace Themis.Switch.Execution;

/// <summary>
/// A failed <c>assert</c>/<c>assume</c>. BMv2 stops on it; the switch instead abandons the packet,
/// counts and logs it as a program error, and keeps running.
/// </summary>
public sealed class P4AssertionException : Exception
{
    public P4AssertionException()
    {
    }

    public P4AssertionException(string message)
        : base(message)
    {
    }

    public P4AssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
