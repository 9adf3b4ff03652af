using System.Buffers.Binary;

namespace Themis.Switch.Runtime.Tables;

/// <summary>
/// An action with its arguments, as stored in a table entry. Each argument is held big-endian in
/// <c>ceil(width / 8)</c> bytes; <see cref="Values"/> exposes them as integers for the executor.
/// </summary>
public sealed class ActionCall
{
    private readonly byte[][] _arguments;
    private readonly ulong[] _values;

    /// <summary>Creates a call of action <paramref name="actionId"/> with padded big-endian arguments in P4Info parameter order.</summary>
    public ActionCall(uint actionId, IReadOnlyList<byte[]> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ActionId = actionId;
        _arguments = [.. arguments];
        _values = new ulong[_arguments.Length];
        for (int i = 0; i < _arguments.Length; i++)
        {
            _values[i] = ToUInt64(_arguments[i]);
        }
    }

    /// <summary>P4Info id of the action.</summary>
    public uint ActionId { get; }

    /// <summary>Arguments, big-endian, padded to whole bytes, in P4Info parameter order.</summary>
    public IReadOnlyList<byte[]> Arguments => _arguments;

    /// <summary>
    /// Arguments as integers (the low 64 bits for wider parameters, which the executor reads from
    /// <see cref="Arguments"/> instead).
    /// </summary>
    public ReadOnlySpan<ulong> Values => _values;

    /// <summary>True when both calls name the same action with the same argument bytes.</summary>
    public bool SameAs(ActionCall other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.ActionId != ActionId || other._arguments.Length != _arguments.Length)
        {
            return false;
        }

        for (int i = 0; i < _arguments.Length; i++)
        {
            if (!_arguments[i].AsSpan().SequenceEqual(other._arguments[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static ulong ToUInt64(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 8)
        {
            return BinaryPrimitives.ReadUInt64BigEndian(bytes[^8..]);
        }

        ulong value = 0;
        foreach (byte b in bytes)
        {
            value = (value << 8) | b;
        }

        return value;
    }
}
