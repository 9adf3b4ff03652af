using Google.Protobuf;

namespace Themis.Cli.Registers;

/// <summary>Register cells read in one go, and which path read them ("p4runtime" or "control-packets").</summary>
internal sealed class RegisterValues(string path)
{
    private readonly Dictionary<(uint RegisterId, long Index), ByteString> _cells = [];

    public string Path { get; } = path;

    public void Set(uint registerId, long index, ByteString value) => _cells[(registerId, index)] = value;

    public ByteString? Get(uint registerId, long index) => _cells.TryGetValue((registerId, index), out ByteString? v) ? v : null;
}
