namespace Themis.Controller;

/// <summary>How the data plane learns inter-DC host pairs (JSON <c>themis.handshake</c>).</summary>
public enum HandshakeMode
{
    /// <summary><c>cookie</c> (default): answer SYNs with a SYN cookie and verify the ACK (stateless).</summary>
    Cookie,

    /// <summary><c>passive</c>: observe handshakes crossing the switch without answering them.</summary>
    Passive,
}
