using System.Numerics;

namespace Themis.Switch.Execution;

/// <summary>Evaluates a value of at most 64 bits.</summary>
internal delegate ulong NarrowFn(PacketState s);

/// <summary>Evaluates a value wider than 64 bits.</summary>
internal delegate BigInteger WideFn(PacketState s);

/// <summary>Runs a statement; returns a <see cref="Flow"/> code.</summary>
internal delegate int StmtFn(PacketState s);

/// <summary>Stores a value of at most 64 bits (already masked by the caller or by the setter).</summary>
internal delegate void NarrowSet(PacketState s, ulong value);

/// <summary>Stores a wide value.</summary>
internal delegate void WideSet(PacketState s, BigInteger value);
