using System.Text.Json;
using Workbench.Experiments.Records;
using Workbench.Training.Checkpoints;
using Workbench.Training.Records;

namespace Workbench.Tests.Faults;

/// <summary>A smoke run for the kill stress tests: several epochs, an evaluation every epoch, a checkpoint every second one.</summary>
internal sealed record KillRun(string Name, string[] Arguments)
{
    /// <summary>The command line writing into <paramref name="store"/>.</summary>
    public string[] In(string store) => [.. Arguments, "--device", "cpu", "--out", store];
}

/// <summary>Where one attempt is killed: at a <c>WORKBENCH_FAULT</c> point, or after a wall-clock delay.</summary>
internal sealed record KillPlan(string? Point, double? AfterSeconds)
{
    public override string ToString() => Point ?? $"SIGKILL after {AfterSeconds:F2} s";
}

/// <summary>One killed attempt: the plan and how the process ended (137 when the kill landed).</summary>
internal sealed record KillResult(KillPlan Plan, int ExitCode, string Text)
{
    public bool Landed => ExitCode == 128 + 9;

    public string Point => Plan.ToString();

    public override string ToString() => $"{Plan} ({(Landed ? "killed" : $"exit {ExitCode}")})";
}

/// <summary>The killed attempts of one run and the output of the attempt that finished it.</summary>
internal sealed record KillOutcome(string Store, IReadOnlyList<KillResult> Kills, string FinalText);

/// <summary>Kill, continue and compare: the pieces of <see cref="KillStressTests"/>.</summary>
internal static class KillRuns
{
    public static readonly KillRun Spq = new("spq", ["experiment", "run", "spq", "--preset", "smoke", "--set", "evaluateEvery=1", "--set", "checkpointEvery=2"]); // 3 epochs, 5 steps each

    public static readonly KillRun UcdirSeed = new("ucdir Seed", ["experiment", "run", "ucdir", "--variant", "Seed", "--preset", "smoke", "--set", "checkpointEvery=2"]); // 4 epochs, 3 steps each

    public static readonly KillRun UcdirOfficial = new("ucdir Official", ["experiment", "run", "ucdir", "--variant", "Official", "--preset", "smoke", "--set", "checkpointEvery=2"]);

    public static readonly KillRun Dml = new("dml", ["experiment", "run", "dml", "--preset", "smoke", "--set", "syntheticPerClassPerDomain=6", "--set", "steps=null",
        "--set", "epochs=3", "--set", "evaluateEvery=1", "--set", "checkpointEvery=2"]); // 3 epochs, 13 steps each

    public static readonly KillRun Pretrain = new("pretrain", ["pretrain", "--preset", "smoke", "--set", "epochs=3", "--set", "checkpointEvery=2"]); // 3 epochs, 4 steps each

    /// <summary>Points a random plan picks from (each with a visit number 1–3; steps 1–30).</summary>
    private static readonly string[] Points =
    [
        "write:last.ckpt", "renamed:last.ckpt", "write:best.ckpt", "renamed:best.ckpt", "write:history.csv", "renamed:history.csv",
        "write:metrics.json", "renamed:metrics.json", "write:manifest.json", "renamed:manifest.json", "write:per-query.csv",
        "write:per-query-best.csv", "write:encoder.safetensors", "write:test-embeddings.bin", "eval", "step",
    ];

    /// <summary>A kill at <paramref name="point"/> (<c>name@n</c>).</summary>
    public static KillPlan At(string point) => new(point, null);

    /// <summary>A random plan: a named point (three in four) or a wall-clock kill between 0.3 s and 4 s after the start.</summary>
    public static KillPlan Random(Random random)
    {
        if (random.Next(4) == 0) return new KillPlan(null, 0.3 + random.NextDouble() * 3.7);
        string point = Points[random.Next(Points.Length)];
        return At($"{point}@{random.Next(1, point == "step" ? 31 : 4)}");
    }

    /// <summary>Runs <paramref name="run"/> to its end in <paramref name="store"/>; returns its folder.</summary>
    public static string Uninterrupted(KillRun run, string store)
    {
        var r = WorkbenchChild.Run(run.In(store));
        Assert.True(r.ExitCode == 0, r.Text);
        return FaultRuns.OnlyRun(store);
    }

    /// <summary>Starts <paramref name="run"/> once per plan, each attempt killed as planned (or ending by itself), then once more to its end.</summary>
    public static KillOutcome KillAndContinue(KillRun run, string store, IReadOnlyList<KillPlan> kills)
    {
        var results = new List<KillResult>();
        foreach (var plan in kills)
        {
            var environment = plan.Point is { } p ? new Dictionary<string, string> { [Workbench.Runtime.FaultInjection.EnvironmentVariable] = p } : null;
            using var child = WorkbenchChild.Start(run.In(store), environment);
            if (plan.AfterSeconds is { } delay && !child.WaitUntil(() => false, (int)Math.Ceiling(delay)) && !child.HasExited)
            {
                child.Signal(9);
            }
            int exit = child.WaitForExit();
            results.Add(new KillResult(plan, exit, child.Text));
        }
        var last = WorkbenchChild.Run(run.In(store));
        Assert.True(last.ExitCode == 0, $"{string.Join(" then ", results)}, then the same command: exit {last.ExitCode}\n{last.Text}");
        FaultRuns.AssertPlain(last.Text);
        return new KillOutcome(store, results, last.Text);
    }

    /// <summary>
    /// The continued run equals the uninterrupted one in <paramref name="reference"/>: same run id and identity, every record
    /// file byte for byte (history.csv without its seconds columns), the checkpoints' model and optimizer sections, no other
    /// file left behind (no torn temporaries), and segments that account for the kills.
    /// </summary>
    public static void AssertSameRecords(string reference, KillOutcome outcome)
    {
        string dir = FaultRuns.OnlyRun(outcome.Store);
        string what = string.Join(" then ", outcome.Kills);
        Assert.True(Path.GetFileName(reference) == Path.GetFileName(dir), $"{what}: run id {Path.GetFileName(dir)}, uninterrupted {Path.GetFileName(reference)}");
        var expected = RunStore.ReadManifest(reference);
        var manifest = RunStore.ReadManifest(dir);
        Assert.True(manifest.Status == RunStatus.Finished, $"{what}: {manifest.Status}\n{outcome.FinalText}");
        Assert.Empty(RunRecordCheck.Problems(dir, manifest));
        Assert.Equal(JsonSerializer.Serialize(expected.Identity), JsonSerializer.Serialize(manifest.Identity));
        Assert.Equal(expected.Progress, manifest.Progress);

        var files = Files(reference);
        Assert.True(files.SetEquals(Files(dir)), $"{what}: files {string.Join(", ", Files(dir).Order())}, uninterrupted {string.Join(", ", files.Order())}");
        foreach (string file in files)
        {
            string a = Path.Combine(reference, file), b = Path.Combine(dir, file);
            if (file == RunFiles.Manifest) continue; // times and segments differ by design
            if (file == RunFiles.History) Assert.True(WithoutSeconds(a) == WithoutSeconds(b), $"{what}: history.csv differs\n{WithoutSeconds(a)}\n---\n{WithoutSeconds(b)}");
            else if (file.StartsWith(RunFiles.CheckpointFolder, StringComparison.Ordinal))
            {
                TrainingCheckpoint x = TrainingCheckpoint.Read(a), y = TrainingCheckpoint.Read(b);
                Assert.True(x.Header.State.Epoch == y.Header.State.Epoch && x.Model.AsSpan().SequenceEqual(y.Model) && x.Optimizer.AsSpan().SequenceEqual(y.Optimizer)
                            && x.Session.AsSpan().SequenceEqual(y.Session), $"{what}: {file} differs (epoch {y.Header.State.Epoch}, uninterrupted {x.Header.State.Epoch})");
            }
            else Assert.True(File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b)), $"{what}: {file} differs\n{Head(a)}\n---\n{Head(b)}");
        }

        var last = manifest.Segments[^1];
        Assert.Equal(RunStatus.Finished, last.Status);
        Assert.Equal(expected.Progress!.TotalEpochs, last.ToEpoch);
        Assert.True(manifest.Segments.Count <= outcome.Kills.Count + 1, $"{what}: {manifest.Segments.Count} segments");
        Assert.All(manifest.Segments.SkipLast(1), s => Assert.True(s.Status is RunStatus.Running or RunStatus.Finished, $"{what}: a killed segment recorded as {s.Status}"));
    }

    private static HashSet<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f))
            .Where(f => !Path.GetFileName(f).StartsWith(RunLock.FileName, StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

    private static string WithoutSeconds(string historyCsv) =>
        string.Join('\n', File.ReadAllLines(historyCsv).Select(line => string.Join(',', line.Split(',').SkipLast(2))));

    private static string Head(string path) => File.ReadAllText(path) is var text && text.Length > 2000 ? text[..2000] : text;
}
