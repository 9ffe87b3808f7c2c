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
/// <c>dotnet run -c Release --project bench/Workbench.Bench -- side-by-side [--reps N] [--only a,b] [--out file.md]</c>.
/// Set <c>WORKBENCH_FAISS_PYTHONPATH</c> to a FAISS build's python folder to use it as the anchor.
/// </remarks>
public static class SideBySideRunner
{
    /// <summary>Runs the works and writes the Markdown record; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        int reps = 7;
        string? only = null, output = null;
        bool oursOnly = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reps": reps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--only": only = args[++i]; break;
                case "--out": output = args[++i]; break;
                case "--ours-only": oursOnly = true; break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}. Usage: side-by-side [--reps N] [--only work,work] [--out file.md] [--ours-only]");
                    return 2;
            }
        }
        string root = RepositoryRoot.Find(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();
        var works = SideBySideWork.Retrieval().Where(w => only is null || only.Split(',').Contains(w.Name)).ToList();
        if (oursOnly) return TimeOursOnly(works, reps);
        using var anchor = AnchorProcess.Start(root);
        JsonElement info = anchor.Info();
        string anchorBuild = $"FAISS {info.GetProperty("faiss")} ({info.GetProperty("module")}; {info.GetProperty("compile_options")}; {info.GetProperty("faiss_path")}), numpy {info.GetProperty("numpy")}, Python {info.GetProperty("python")}";
        string date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var report = new StringBuilder();
        report.AppendLine($"Side-by-side run {date}; machine: {MachineDescription.Summary()}; .NET {Environment.Version}; commit {EnvironmentInfo.ReadGitCommit(root) ?? "unknown"}.");
        report.AppendLine($"Anchor: {anchorBuild}.");
        report.AppendLine($"{reps} alternating repetitions per row after one warm-up each; times are medians of wall milliseconds.");
        report.AppendLine();
        report.AppendLine("| work | threads | ours | anchor | ours ms | anchor ms | ratio | load before/after | check: ours / anchor |");
        report.AppendLine("|---|---:|---|---|---:|---:|---:|---|---|");
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
                TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var ms = Enumerable.Range(0, reps).Select(_ => Time(ours)).ToList();
                double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / reps;
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
        var (_, anchorCheck, setting) = anchor.Run(work.Name, threads);
        string anchorText = setting.Length == 0 ? work.Anchor : $"{work.Anchor} ({setting})";
        double before = MachineDescription.LoadAverage();
        var oursMs = new List<double>();
        var anchorMs = new List<double>();
        for (int r = 0; r < reps; r++)
        {
            if (r % 2 == 0)
            {
                oursMs.Add(Time(ours));
                anchorMs.Add(anchor.Run(work.Name, threads).Milliseconds);
            }
            else
            {
                anchorMs.Add(anchor.Run(work.Name, threads).Milliseconds);
                oursMs.Add(Time(ours));
            }
        }
        double after = MachineDescription.LoadAverage();
        double o = Median(oursMs), a = Median(anchorMs);
        string agree = oursCheck == anchorCheck ? $"same ({oursCheck})" : $"{oursCheck} / {anchorCheck}";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {work.Name} | {threads} | {work.Ours} | {anchorText} | {o:F1} | {a:F1} | {o / a:F2} | {before:F1} / {after:F1} | {agree} |");
    }

    private static double Time(Func<Func<string>> action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
