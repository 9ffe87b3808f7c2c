namespace Workbench.Tests.Slurm;

/// <summary>
/// A fact that needs a running Slurm cluster (a real one: <c>sudo tests/slurm/start-cluster.sh</c> starts one node on
/// localhost). Without one it is skipped with "SLURM NOT RUNNING", unless <c>WORKBENCH_REQUIRE_SLURM=1</c> (CI sets it
/// after starting the cluster), which makes it run and fail instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SlurmFactAttribute : FactAttribute
{
    /// <summary>Marks a test that submits to Slurm.</summary>
    public SlurmFactAttribute() => Skip = SlurmSkip.Reason;
}
