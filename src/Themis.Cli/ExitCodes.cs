namespace Themis.Cli;

/// <summary>The process exit codes scripts can rely on (documented in docs/themisctl.md and in --help).</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command line is wrong (bad option, bad key=value, missing --yes or --election-id) or the change was not confirmed.</summary>
    public const int Usage = 1;

    /// <summary>A name (table, field, action, register, counter) or an entry does not exist.</summary>
    public const int NotFound = 2;

    /// <summary>The switch (or the controller given with --controller) could not be reached.</summary>
    public const int Unreachable = 3;

    /// <summary>The switch refused the request or could not answer it (no pipeline, not primary, unsupported, invalid).</summary>
    public const int Refused = 4;
}
