namespace Themis.Controller.Internal;

/// <summary>What became of one CNP copy from the data plane; each value is a metric label.</summary>
internal enum CnpOutcome
{
    /// <summary>A new <c>cnp_store</c> entry, then the cache cell is cleared.</summary>
    Inserted,

    /// <summary>The entry already exists: only the cache cell is cleared.</summary>
    Refreshed,

    /// <summary>The entry pointed at another slot (the QP was re-registered): replaced.</summary>
    Updated,

    /// <summary>The local QP has no <c>qp_field</c> entry (destroyed meanwhile, or forged): ignored.</summary>
    UnknownQp,

    /// <summary><c>cnp_store</c> is full: the cache cell keeps the flow throttled until it is overwritten.</summary>
    StoreFull,

    /// <summary>The packet-in did not carry a usable CNP copy.</summary>
    Malformed,
}
