namespace Themis.Switch.Pipeline;

/// <summary>
/// An executable v1model program. <see cref="Instantiate"/> is called once per pipeline load and
/// resolves tables and externs to the objects of <paramref name="state"/> so packets run without lookups by name.
/// </summary>
public interface IPipelineProgram
{
    /// <summary>Binds the program to the runtime objects of a loaded pipeline.</summary>
    IPipelineInstance Instantiate(SwitchState state);
}
