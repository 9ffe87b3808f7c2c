namespace Workbench.Tests.Slurm;

/// <summary>A theory that needs a running Slurm cluster; skipped like <see cref="SlurmFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SlurmTheoryAttribute : TheoryAttribute
{
    /// <summary>Marks a theory that submits to Slurm.</summary>
    public SlurmTheoryAttribute() => Skip = SlurmSkip.Reason;
}
