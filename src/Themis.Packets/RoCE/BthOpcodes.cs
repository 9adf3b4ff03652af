namespace Themis.Packets.RoCE;

/// <summary>Classification of BTH opcodes, kept identical to the data plane's <c>is_roce_data</c> rule.</summary>
public static class BthOpcodes
{
    /// <summary>
    /// True for opcodes that carry data toward the responder or requester on RC, UC or UD: SEND (0x00-0x05),
    /// RDMA WRITE (0x06-0x0B) and RDMA READ response (0x0D-0x10). Reads requests, ACKs, atomics and CNPs are not data.
    /// </summary>
    public static bool IsData(byte opcode)
    {
        var transport = opcode >> 5;
        var operation = opcode & 0x1F;
        var transportCarriesData = transport is 0 or 1 or 3;
        return transportCarriesData && (operation <= 0x0B || operation is >= 0x0D and <= 0x10);
    }

    public static bool IsData(BthOpcode opcode) => IsData((byte)opcode);
}
