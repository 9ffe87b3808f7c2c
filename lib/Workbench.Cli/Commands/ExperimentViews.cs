using Spectre.Console;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Cli.Commands;

/// <summary>Spectre.Console tables of a run, an aggregate, or a grid of runs, read from their records.</summary>
internal static class ExperimentViews
{
    /// <summary>Shows the folder: one run or aggregate when it has a manifest, else every run inside it as a grid.</summary>
    public static void Show(string dir, int historyRows = 10)
    {
        if (!File.Exists(Path.Combine(dir, RunFiles.Manifest)))
        {
            Grid(dir);
            return;
        }
        var manifest = RunStore.ReadManifest(dir);
        Facts(dir, manifest);
        if (manifest.Kind == RunKinds.Aggregate) Aggregate(dir);
        else Run(dir, historyRows);
    }

    private static void Facts(string dir, RunManifest m)
    {
        var t = new Table().AddColumns("run", Markup.Escape(m.RunId)).HideHeaders();
        void Row(string k, string? v) { if (!string.IsNullOrEmpty(v)) t.AddRow(Markup.Escape(k), Markup.Escape(v)); }
        Row("run", m.RunId);
        Row("folder", dir);
        Row("kind", m.Kind);
        Row("method", $"{m.Method}  preset {m.Preset}  variant {m.Variant}");
        Row(m.Kind == RunKinds.Aggregate ? "seeds" : "seed", m.Seeds is { } s ? string.Join(", ", s) : m.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row("status", StatusText(dir, m) + (m.Progress is { } p ? $"  {p.Epoch} of {p.TotalEpochs} epochs done, step {p.Step}/{p.TotalSteps}" : ""));
        Row("message", m.Message);
        Row("config hash", m.ConfigHash);
        Row("overrides", string.Join("  ", m.Overrides));
        Row("schedule", m.Schedule);
        Row("device", string.IsNullOrEmpty(m.Device) ? null : $"{m.Device}, {m.Threads} threads");
        Row("git commit", m.Environment?.GitCommit);
        Row("packages", m.Environment is { } e ? string.Join(", ", e.Packages.Select(kv => $"{kv.Key} {kv.Value}")) : null);
        Row("started", m.StartedUtc.ToString("u"));
        Row("ended", m.EndedUtc?.ToString("u"));
        Row("time", $"total {m.Timings.TotalSeconds:F1} s (setup {m.Timings.SetupSeconds:F1}, train {m.Timings.TrainSeconds:F1}, eval {m.Timings.EvalSeconds:F1}, checkpoints {m.Timings.CheckpointSeconds:F1})");
        if (m.Segments.Count > 1) Row("segments", string.Join("; ", m.Segments.Select((x, i) => $"{x.StartedUtc:u} epochs {x.FromEpoch}→{x.ToEpoch} {(x.Status == RunStatus.Running && i < m.Segments.Count - 1 ? "killed" : x.Status)}")));
        AnsiConsole.Write(t);
    }

    private static void Run(string dir, int historyRows)
    {
        string metricsPath = Path.Combine(dir, RunFiles.Metrics);
        MetricsRecord? record = null;
        try
        {
            if (File.Exists(metricsPath)) record = RunStore.ReadJson<MetricsRecord>(metricsPath);
        }
        catch (DamagedRecordException e)
        {
            AnsiConsole.WriteLine($"{RunFiles.Metrics}: {e.Reason}; not shown.");
        }
        if (record is { } m)
        {
            var t = new Table().AddColumn("metric");
            if (m.Final is { } f) t.AddColumn($"{f.Label} (epoch {f.Epoch + 1})");
            if (m.Best is { } b) t.AddColumn($"best (epoch {b.Epoch + 1}{(m.Selection is { } s ? $", by {s.Metric}" : "")})");
            var names = (m.Final?.Metrics.Keys ?? []).Concat(m.Best?.Metrics.Keys ?? []).Distinct();
            foreach (var name in names)
            {
                t.AddRow(Markup.Escape(name), Cell(m.Final?.Metrics, name), Cell(m.Best?.Metrics, name));
            }
            AnsiConsole.Write(t);
        }
        string historyPath = Path.Combine(dir, RunFiles.History);
        if (!File.Exists(historyPath)) return;
        List<HistoryRow> rows;
        try
        {
            rows = HistoryCsv.Read(historyPath);
        }
        catch (InvalidDataException e)
        {
            AnsiConsole.WriteLine($"{RunFiles.History}: damaged ({e.Message}); not shown.");
            return;
        }
        var losses = rows.SelectMany(r => r.Losses.Keys).Distinct().ToList();
        var metrics = rows.SelectMany(r => r.Metrics.Keys).Distinct().ToList();
        var h = new Table().AddColumns("epoch", "step", "lr").AddColumns(losses.Select(Markup.Escape).ToArray())
            .AddColumns(metrics.Select(x => Markup.Escape("eval " + x)).ToArray()).AddColumn("s");
        foreach (var r in rows.TakeLast(historyRows))
        {
            var cells = new List<string> { (r.Epoch + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Step.ToString(System.Globalization.CultureInfo.InvariantCulture), r.LearningRate.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) };
            cells.AddRange(losses.Select(l => Cell(r.Losses, l)));
            cells.AddRange(metrics.Select(x => Cell(r.Metrics, x)));
            cells.Add((r.TrainSeconds + r.EvalSeconds).ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
            h.AddRow(cells.ToArray());
        }
        h.Caption($"history: last {Math.Min(historyRows, rows.Count)} of {rows.Count} epochs, numbered from 1 ({RunFiles.History} numbers them from 0)");
        AnsiConsole.Write(h);
    }

    private static void Aggregate(string dir)
    {
        var a = RunStore.ReadJson<AggregateMetricsRecord>(Path.Combine(dir, RunFiles.Metrics));
        var t = new Table().AddColumns("metric", "final: mean ± sd", "best: mean ± sd", "n");
        foreach (var name in a.Final.Keys.Concat(a.Best.Keys).Distinct())
        {
            t.AddRow(Markup.Escape(name),
                a.Final.TryGetValue(name, out var f) ? ExperimentCommand.Summary(f) : "",
                a.Best.TryGetValue(name, out var b) ? ExperimentCommand.Summary(b) : "",
                (f ?? b)?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }
        t.Caption($"{a.Seeds.Count} seeds; sd is the sample standard deviation; members: {string.Join(", ", a.Members)}");
        AnsiConsole.Write(t);
    }

    private static void Grid(string folder)
    {
        var runs = RunStore.ListIn(folder);
        if (runs.Count == 0)
        {
            AnsiConsole.MarkupLine($"[yellow]No runs in {Markup.Escape(folder)}.[/]");
            return;
        }
        var finals = runs.Select(r => (r.Directory, r.Manifest, Metrics: FinalMetrics(r.Directory, r.Manifest))).ToList();
        var names = finals.SelectMany(r => r.Metrics.Keys).Distinct().Take(8).ToList();
        var t = new Table().AddColumn(new TableColumn("run").NoWrap()).AddColumn("variant").AddColumn(new TableColumn("status").NoWrap()).AddColumn(new TableColumn("epochs").NoWrap());
        foreach (var name in names) t.AddColumn(new TableColumn(Markup.Escape(name)).NoWrap());
        foreach (var (dir, m, values) in finals)
        {
            var cells = new List<string>
            {
                m.RunId, m.Variant, ShortStatus(dir, m),
                m.Progress is { } p ? $"{p.Epoch}/{p.TotalEpochs}" : m.Seeds is { } s ? $"{s.Count} seeds" : "",
            };
            cells.AddRange(names.Select(n => values.TryGetValue(n, out var v) ? v : ""));
            t.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        t.Caption($"{runs.Count} runs in {folder}; metric columns: final evaluation (aggregates: mean ± sd)");
        AnsiConsole.Write(t);
    }

    private static Dictionary<string, string> FinalMetrics(string dir, RunManifest m)
    {
        string path = Path.Combine(dir, RunFiles.Metrics);
        if (!File.Exists(path)) return [];
        try
        {
            return m.Kind == RunKinds.Aggregate
                ? RunStore.ReadJson<AggregateMetricsRecord>(path).Final.ToDictionary(kv => kv.Key, kv => ExperimentCommand.Summary(kv.Value))
                : RunStore.ReadJson<MetricsRecord>(path).Final?.Metrics.ToDictionary(kv => kv.Key, kv => ExperimentCommand.Value(kv.Value)) ?? [];
        }
        catch (DamagedRecordException)
        {
            return [];
        }
    }

    /// <summary>The status as it is now: a run left "running" by a process that no longer holds its lock is shown as interrupted; damaged records are named.</summary>
    private static string StatusText(string dir, RunManifest m)
    {
        if (m.Status == RunStatus.Running && !RunLock.IsHeld(dir))
        {
            return $"Interrupted: recorded as running, but its process is gone ({RunLock.ReadOwner(dir)?.ToString() ?? "owner unknown"}; killed?). " +
                   $"Continue it with `workbench experiment run {m.Method} --resume {m.RunId}`";
        }
        if (m.Status == RunStatus.Running) return $"Running ({RunLock.ReadOwner(dir)?.ToString() ?? "owner unknown"})";
        if (m.Status == RunStatus.Finished && RunRecordCheck.Problems(dir, m) is { Count: > 0 } problems)
        {
            return $"Finished, but its records are damaged ({string.Join("; ", problems)}); not reused or compared";
        }
        return m.Status.ToString();
    }

    private static string ShortStatus(string dir, RunManifest m) =>
        m.Status == RunStatus.Running && !RunLock.IsHeld(dir) ? "Interrupted"
        : m.Status == RunStatus.Finished && RunRecordCheck.Problems(dir, m).Count > 0 ? "Damaged"
        : m.Status.ToString();

    private static string Cell(IReadOnlyDictionary<string, double>? values, string name) =>
        values is not null && values.TryGetValue(name, out var v) ? ExperimentCommand.Value(v) : "";
}
