using P4.V1;

namespace Themis.Switch.Pipeline;

/// <summary>One <c>digest</c> call: the P4Info digest id and the value, encoded as P4Runtime P4Data.</summary>
public sealed record DigestSample(uint DigestId, P4Data Data);
