using System.Globalization;
using Workbench.Tests.Data;
using Workbench.Tests.Training;
using Xunit.Abstractions;

namespace Workbench.Tests.Faults;

/// <summary>
/// SIGKILL at chosen points of each method's smoke run (SPQ, UCDIR Seed and Official, DML, pretraining), twice in a
/// row, then the same command again: the continued run's records are byte-identical to an uninterrupted run's at the
/// same thread count (one). The points are the <c>WORKBENCH_FAULT</c> ones (<see cref="Workbench.Runtime.FaultInjection"/>):
/// in the middle of a checkpoint or record write, right after one, during an evaluation, after a step.
/// <c>WORKBENCH_KILL_SWEEP=N</c> adds N random kill sequences per method (random points and random wall-clock
/// kills) and prints how many kills landed and how many continued runs were identical.
/// </summary>
[Trait("Category", FaultRuns.Slow)]
public class KillStressTests(ITestOutputHelper log)
{
    private const string SweepVariable = "WORKBENCH_KILL_SWEEP";

    [Fact]
    public void Spq() => Stress(KillRuns.Spq, "renamed:last.ckpt@2", "eval@1"); // right after epoch 2's checkpoint; then during the final evaluation

    [Fact]
    public void Ucdir_seed() => Stress(KillRuns.UcdirSeed, "eval@3", "write:last.ckpt@1"); // during epoch 3's evaluation; then during the final checkpoint write

    [Fact]
    public void Ucdir_official() => Stress(KillRuns.UcdirOfficial, "write:last.ckpt@3", "renamed:manifest.json@2"); // final checkpoint half written; then a record just replaced

    [Fact]
    public void Dml() => Stress(KillRuns.Dml, "write:history.csv@2", "step@20"); // mid-record after epoch 2; then mid-epoch 2

    [RealDataFact("fonts")]
    public void Pretrain() => Stress(KillRuns.Pretrain, "write:encoder.safetensors@2", "renamed:last.ckpt@2"); // the encoder file half written; then right after a checkpoint

    private void Stress(KillRun run, params string[] kills)
    {
        using var straight = new TempDirectory();
        var reference = KillRuns.Uninterrupted(run, straight.Path);
        using var store = new TempDirectory();
        var outcome = KillRuns.KillAndContinue(run, store.Path, kills.Select(KillRuns.At).ToList());
        Assert.All(outcome.Kills, k => Assert.True(k.Landed, $"the kill at {k.Point} did not land: the run ended with exit {k.ExitCode}"));
        KillRuns.AssertSameRecords(reference, outcome);

        if (int.TryParse(Environment.GetEnvironmentVariable(SweepVariable), NumberStyles.None, CultureInfo.InvariantCulture, out int sweeps) && sweeps > 0)
        {
            Sweep(run, reference, sweeps);
        }
    }

    private void Sweep(KillRun run, string reference, int sweeps)
    {
        int seed = Environment.TickCount;
        var random = new Random(seed);
        int landed = 0, identical = 0, sequences = 0;
        var failures = new List<string>();
        for (int i = 0; i < sweeps; i++)
        {
            var kills = Enumerable.Range(0, random.Next(1, 4)).Select(_ => KillRuns.Random(random)).ToList();
            using var store = new TempDirectory();
            var outcome = KillRuns.KillAndContinue(run, store.Path, kills);
            landed += outcome.Kills.Count(k => k.Landed);
            sequences++;
            try
            {
                KillRuns.AssertSameRecords(reference, outcome);
                identical++;
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException)
            {
                failures.Add($"{string.Join(" then ", outcome.Kills.Select(k => k.ToString()))}: {e.Message}");
            }
        }
        log.WriteLine($"{run.Name} sweep (seed {seed}): {sequences} sequences, {landed} kills landed, {identical} continued runs identical");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
