namespace Themis.Packets.RoCE;

/// <summary>
/// BTH opcodes (IBA vol. 1 §9.2, table 38): the upper three bits name the transport (000 RC, 001 UC,
/// 010 RD, 011 UD), the lower five the operation. CNP (0x81) comes from RoCEv2 Annex A17.
/// </summary>
public enum BthOpcode : byte
{
    RcSendFirst = 0x00,
    RcSendMiddle = 0x01,
    RcSendLast = 0x02,
    RcSendLastWithImmediate = 0x03,
    RcSendOnly = 0x04,
    RcSendOnlyWithImmediate = 0x05,
    RcRdmaWriteFirst = 0x06,
    RcRdmaWriteMiddle = 0x07,
    RcRdmaWriteLast = 0x08,
    RcRdmaWriteLastWithImmediate = 0x09,
    RcRdmaWriteOnly = 0x0A,
    RcRdmaWriteOnlyWithImmediate = 0x0B,
    RcRdmaReadRequest = 0x0C,
    RcRdmaReadResponseFirst = 0x0D,
    RcRdmaReadResponseMiddle = 0x0E,
    RcRdmaReadResponseLast = 0x0F,
    RcRdmaReadResponseOnly = 0x10,
    RcAcknowledge = 0x11,
    RcAtomicAcknowledge = 0x12,
    RcCompareSwap = 0x13,
    RcFetchAdd = 0x14,
    UcSendFirst = 0x20,
    UcSendOnly = 0x24,
    UcRdmaWriteOnly = 0x2A,
    UdSendOnly = 0x64,
    UdSendOnlyWithImmediate = 0x65,
    Cnp = 0x81,
}
