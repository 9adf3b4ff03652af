namespace Themis.Esw.Tests.Support;

/// <summary>Where the packet tests run: every behaviour test is a fixture parameterised by this.</summary>
public enum Target
{
    /// <summary>The embedded switch in this process, strict BMv2 mode, in-memory ports (always available).</summary>
    Embedded,

    /// <summary>A switch reached over P4Runtime with its ports on Linux interfaces (see docs/packet-tests.md).</summary>
    Remote,
}
