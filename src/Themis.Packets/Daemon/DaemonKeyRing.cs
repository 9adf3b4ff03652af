using System.Collections.Frozen;

namespace Themis.Packets.Daemon;

/// <summary>
/// The per-host HMAC keys the controller accepts, by key id. Immutable: to rotate keys build a new ring and
/// swap the reference.
/// </summary>
public sealed class DaemonKeyRing
{
    /// <summary>Shortest key accepted: 128 bits (RFC 2104 §3 asks for at least the MAC's length).</summary>
    public const int MinimumKeyLength = 16;

    private readonly FrozenDictionary<uint, byte[]> _keys;

    public DaemonKeyRing(IEnumerable<KeyValuePair<uint, byte[]>> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var copy = new Dictionary<uint, byte[]>();
        foreach (var (id, key) in keys)
        {
            if (id == 0)
            {
                throw new ArgumentException("Key id 0 means 'no key' on the wire; number keys from 1.", nameof(keys));
            }

            if (key is null || key.Length < MinimumKeyLength)
            {
                throw new ArgumentException(
                    $"Key {id} is {key?.Length ?? 0} bytes; use at least {MinimumKeyLength} random bytes (e.g. `openssl rand -hex 32`).",
                    nameof(keys));
            }

            if (!copy.TryAdd(id, (byte[])key.Clone()))
            {
                throw new ArgumentException($"Key id {id} is given twice; each id names one key.", nameof(keys));
            }
        }

        _keys = copy.ToFrozenDictionary();
    }

    public int Count => _keys.Count;

    public bool TryGetKey(uint keyId, out ReadOnlySpan<byte> key)
    {
        if (_keys.TryGetValue(keyId, out var k))
        {
            key = k;
            return true;
        }

        key = default;
        return false;
    }
}
