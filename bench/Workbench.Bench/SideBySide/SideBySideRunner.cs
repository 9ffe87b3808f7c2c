using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Runtime;

namespace Workbench.Bench.SideBySide;

/// <summary>
/// Ours vs the anchor in one interleaved run: for every work and thread count, both sides are
/// prepared, warmed up once, then timed alternately (ours first on even repetitions, the anchor
/// first on odd ones) so that load on a shared machine hits both; medians and their ratio (ours /
/// anchor, below 1 = ours faster) are reported with the load average before and after.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench/Workbench.Bench -- side-by-side [--suite retrieval|training|training-ops] [--reps N] [--only a,b] [--out file.md]</c>.
/// Suite <c>retrieval</c> (default) runs <see cref="SideBySideWork.Retrieval"/> against FAISS (<c>bench/anchors/anchor.py</c>;
/// set <c>WORKBENCH_FAISS_PYTHONPATH</c> to a FAISS build's python folder to use it); suite <c>training</c> runs
/// <see cref="TrainingWorks.All"/> against PyTorch (<c>bench/anchors/training_anchor.py</c>), suite <c>training-ops</c> the single
/// operations of those steps (<see cref="TrainingOpWorks.All"/>) against the same PyTorch. Besides the ratio of the
/// medians, every row gives the spread of the per-repetition ratios (ours_r / anchor_r of the pair timed together):
/// their 25th–75th percentiles.
/// </remarks>
public static class SideBySideRunner
{
    /// <summary>Runs the works and writes the Markdown record; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        int reps = 7;
        string suite = "retrieval";
        string? only = null, output = null;
        bool oursOnly = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--suite": suite = args[++i]; break;
                case "--reps": reps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--only": only = args[++i]; break;
                case "--out": output = args[++i]; break;
                case "--ours-only": oursOnly = true; break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}. Usage: side-by-side [--suite retrieval|training|training-ops] [--reps N] [--only work,work] [--out file.md] [--ours-only]");
                    return 2;
            }
        }
        string root = RepositoryRoot.Find(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();
        var (all, script) = suite switch
        {
            "retrieval" => (SideBySideWork.Retrieval(), "anchor.py"),
            "training" => (TrainingWorks.All(), "training_anchor.py"),
            "training-ops" => (TrainingOpWorks.All(), "training_anchor.py"),
            _ => (null, ""),
        };
        if (all is null)
        {
            Console.Error.WriteLine($"Unknown suite '{suite}'; use retrieval, training or training-ops.");
            return 2;
        }
        var works = all.Where(w => only is null || only.Split(',').Contains(w.Name)).ToList();
        if (oursOnly) return TimeOursOnly(works, reps);
        using var anchor = AnchorProcess.Start(root, script);
        JsonElement info = anchor.Info();
        string anchorBuild = info.TryGetProperty("description", out var description)
            ? description.GetString() ?? ""
            : $"FAISS {info.GetProperty("faiss")} ({info.GetProperty("module")}; {info.GetProperty("compile_options")}; {info.GetProperty("faiss_path")}), numpy {info.GetProperty("numpy")}, Python {info.GetProperty("python")}";
        string date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var report = new StringBuilder();
        report.AppendLine($"Side-by-side run {date}; machine: {MachineDescription.Summary()}; .NET {Environment.Version}; commit {EnvironmentInfo.ReadGitCommit(root) ?? "unknown"}.");
        report.AppendLine($"Anchor: {anchorBuild}.");
        report.AppendLine($"{reps} alternating repetitions per row after one warm-up each; times are medians of wall milliseconds; spread = 25th–75th percentile of the per-repetition ratios; CPU ratio = ratio of the medians of process CPU time (user + system, all threads; immune to time-sharing, where the anchor reports it).");
        report.AppendLine();
        report.AppendLine("| work | threads | ours | anchor | ours ms | anchor ms | ratio | spread | CPU ratio | load before/after | check: ours / anchor |");
        report.AppendLine("|---|---:|---|---|---:|---:|---:|---|---:|---|---|");
        Console.WriteLine(report.ToString());
        foreach (SideBySideWork work in works)
        {
            foreach (int threads in work.Threads)
            {
                string row = Measure(work, threads, reps, anchor);
                Console.WriteLine(row);
                report.AppendLine(row);
            }
        }
        if (output is not null) File.WriteAllText(output, report.ToString());
        return 0;
    }

    /// <summary>Times ours alone (no anchor, no ratio): for iterating on a kernel, never for the record.</summary>
    private static int TimeOursOnly(List<SideBySideWork> works, int reps)
    {
        foreach (SideBySideWork work in works)
        {
            foreach (int threads in work.Threads)
            {
                Threads.Configure(threads);
                Func<Func<string>> ours = work.Prepare(threads);
                string check = ours()();
                var times = Enumerable.Range(0, reps).Select(_ => Time(ours)).ToList();
                var ms = times.Select(t => t.Wall).ToList();
                double cpuMs = times.Average(t => t.Cpu);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{work.Name} threads {threads}: median {Median(ms):F1} ms, min {ms.Min():F1} ms, CPU {cpuMs:F1} ms per run, load {MachineDescription.LoadAverage():F1}; {check}"));
            }
        }
        return 0;
    }

    private static string Measure(SideBySideWork work, int threads, int reps, AnchorProcess anchor)
    {
        Threads.Configure(threads);
        Func<Func<string>> ours = work.Prepare(threads);
        anchor.Prepare(work.Name, threads);
        string oursCheck = ours()();
        var (_, _, anchorCheck, setting) = anchor.Run(work.Name, threads);
        string anchorText = setting.Length == 0 ? work.Anchor : $"{work.Anchor} ({setting})";
        double before = MachineDescription.LoadAverage();
        var oursTimes = new List<(double Wall, double Cpu)>();
        var anchorTimes = new List<(double Wall, double Cpu)>();
        for (int r = 0; r < reps; r++)
        {
            if (r % 2 == 0)
            {
                oursTimes.Add(Time(ours));
                anchorTimes.Add(Time(anchor, work.Name, threads));
            }
            else
            {
                anchorTimes.Add(Time(anchor, work.Name, threads));
                oursTimes.Add(Time(ours));
            }
        }
        double after = MachineDescription.LoadAverage();
        double o = Median(oursTimes.Select(t => t.Wall)), a = Median(anchorTimes.Select(t => t.Wall));
        var ratios = oursTimes.Zip(anchorTimes, (x, y) => x.Wall / y.Wall).Order().ToList();
        double cpuRatio = Median(oursTimes.Select(t => t.Cpu)) / Median(anchorTimes.Select(t => t.Cpu));
        string cpu = double.IsNaN(cpuRatio) ? "—" : cpuRatio.ToString("F2", CultureInfo.InvariantCulture);
        string agree = oursCheck == anchorCheck ? $"same ({oursCheck})" : $"{oursCheck} / {anchorCheck}";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {work.Name} | {threads} | {work.Ours} | {anchorText} | {o:F1} | {a:F1} | {o / a:F2} | {Percentile(ratios, 0.25):F2}–{Percentile(ratios, 0.75):F2} | {cpu} | {before:F1} / {after:F1} | {agree} |");
    }

    /// <summary>Wall and process CPU milliseconds of one run of ours.</summary>
    private static (double Wall, double Cpu) Time(Func<Func<string>> action)
    {
        using var process = Process.GetCurrentProcess();
        TimeSpan cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        double wall = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    /// <summary>Wall and process CPU milliseconds of one anchor run (CPU NaN when the anchor does not report it).</summary>
    private static (double Wall, double Cpu) Time(AnchorProcess anchor, string work, int threads)
    {
        var (wall, cpu, _, _) = anchor.Run(work, threads);
        return (wall, cpu);
    }

    private static double Median(IEnumerable<double> values) => Percentile(values.Order().ToList(), 0.5);

    /// <summary>The p-quantile of sorted values, linearly interpolated between ranks (numpy's default).</summary>
    private static double Percentile(List<double> sorted, double p)
    {
        double rank = p * (sorted.Count - 1);
        int low = (int)Math.Floor(rank), high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
