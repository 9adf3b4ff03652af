namespace Themis.Switch.Server;

/// <summary>How the primary controller is chosen.</summary>
public enum ArbitrationMode
{
    /// <summary>
    /// P4Runtime specification: the highest election id ever seen wins; when the primary leaves there
    /// is no primary until a client arbitrates with an id at least that high.
    /// </summary>
    Spec,

    /// <summary>PI (BMv2 simple_switch_grpc): the highest election id among connected clients is primary.</summary>
    Pi,
}
