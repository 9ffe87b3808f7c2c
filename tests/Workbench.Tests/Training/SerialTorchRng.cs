namespace Workbench.Tests.Training;

/// <summary>
/// Tests that compare runs bit for bit use torch's process-wide default generator (weight init,
/// dropout); any other test drawing from it on another thread would change their numbers. This
/// collection runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTorchRng
{
    public const string Name = "serial: torch default generator";
}
