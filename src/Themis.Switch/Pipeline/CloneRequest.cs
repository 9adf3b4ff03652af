namespace Themis.Switch.Pipeline;

/// <summary>A pending <c>clone</c>/<c>clone_preserving_field_list</c> call: the session and the field list to carry (-1: none).</summary>
public readonly record struct CloneRequest(uint SessionId, int FieldListIndex);
