namespace Themis.Esw.Tests.Support;

/// <summary>
/// Algorithm 1 of the paper (DESIGN §3.6), on CNP, as a reference for the per-slot registers:
/// <c>cnp_num++; status = THROTTLED; cnp_time = now; if cnp_num % alpha == 1 { loop_num++; alpha++ }</c>,
/// with alpha starting at alpha0.
/// </summary>
public sealed class Algorithm1Model(ushort alpha0)
{
    public uint CnpNum { get; private set; }

    public ushort Alpha { get; private set; } = alpha0 == 0 ? (ushort)1 : alpha0;

    public byte LoopNum { get; private set; }

    public void OnCnp()
    {
        CnpNum++;
        if (CnpNum % Alpha == 1)
        {
            LoopNum++;
            Alpha++;
        }
    }
}
