using Workbench.Cli.Slurm;

namespace Workbench.Tests.Slurm;

/// <summary>Whether the Slurm tests run: a cluster answers <c>sinfo</c>, or <c>WORKBENCH_REQUIRE_SLURM=1</c> makes them run (and fail) anyway.</summary>
internal static class SlurmSkip
{
    private static readonly Lazy<string?> Cached = new(() =>
        Environment.GetEnvironmentVariable("WORKBENCH_REQUIRE_SLURM") == "1" || SlurmClient.IsAvailable()
            ? null
            : "SLURM NOT RUNNING: sinfo does not answer; start a one-node cluster with: sudo tests/slurm/start-cluster.sh");

    /// <summary>The skip reason, or null when the tests run.</summary>
    public static string? Reason => Cached.Value;
}
