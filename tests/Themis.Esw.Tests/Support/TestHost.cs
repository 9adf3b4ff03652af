using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;

namespace Themis.Esw.Tests.Support;

/// <summary>A host in the test topology: the switch port it hangs off, its MAC and IPv4 address.</summary>
public sealed record TestHost(string Name, uint Port, MacAddress Mac, IPv4Address Ip)
{
    public override string ToString() => $"{Name} ({Ip} on port {Port})";
}
