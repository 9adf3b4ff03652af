namespace Themis.Switch.Execution;

/// <summary>The deparser's scratch buffer, sized at compile time to the most the deparser can emit (one pipeline runs one packet at a time).</summary>
internal sealed class EmitBuffer
{
    public byte[] Buffer { get; set; } = [];
}
