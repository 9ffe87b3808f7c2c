using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Workbench.Bench.Notebooks;

/// <summary>
/// Whole-process wall time of <c>workbench notebook run</c> on a 20-code-cell notebook
/// (runner-overhead-20-cells.ipynb: TorchSharp, four charts, four DataFrames, LINQ, local
/// functions, displays), one fresh process per invocation as users and <c>workbench report</c>
/// run it. Each iteration also reads the run manifest, and the cleanup prints the medians of
/// wall, compile and cell-run time: overhead = wall − cells' own run time.
/// </summary>
/// <remarks>Needs the CLI built: <c>dotnet build lib/Workbench.Cli -c Release</c>.</remarks>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 9, invocationCount: 1)]
public class NotebookRunnerOverhead
{
    private readonly List<(double Wall, double Run)> _samples = [];
    private string _repo = "", _cli = "", _notebook = "", _out = "";

    /// <summary>Finds the repository, the built CLI and the notebook.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _repo = Workbench.Runtime.RepositoryRoot.OfRunningAssembly();
        _cli = Path.Combine(_repo, "lib", "Workbench.Cli", "bin", "Release", "net10.0", "Workbench.Cli.dll");
        if (!File.Exists(_cli)) throw new InvalidOperationException($"{_cli} is missing: dotnet build lib/Workbench.Cli -c Release");
        _notebook = Path.Combine(_repo, "bench", "Workbench.Bench", "Notebooks", "runner-overhead-20-cells.ipynb");
        _out = Path.Combine(Path.GetTempPath(), "wb-bench-notebook-" + Environment.ProcessId);
    }

    /// <summary>One <c>workbench notebook run</c> process, start to exit.</summary>
    [Benchmark]
    public void RunTwentyCellNotebook()
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { _cli, "notebook", "run", _notebook, "--out", _out, "--no-index" }) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(start)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        double wall = clock.Elapsed.TotalMilliseconds;
        if (p.ExitCode != 0) throw new InvalidOperationException($"the notebook failed (exit {p.ExitCode}):\n{err}");
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_out, "runner-overhead-20-cells.run.json")))!;
        _samples.Add((wall, manifest["runMs"]!.GetValue<double>()));
    }

    /// <summary>Prints median wall, the cells' time in the kernel (compile and run) and overhead over the measured iterations.</summary>
    [GlobalCleanup]
    public void Report()
    {
        var measured = _samples.Skip(1).ToList(); // the first invocation is BenchmarkDotNet's warm-up
        if (measured.Count == 0) return;
        static double Median(IEnumerable<double> v)
        {
            var s = v.Order().ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        }
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "// notebook-overhead n={0}: wall median {1:F0} ms (min {2:F0}, max {3:F0}); cells in the kernel (compile + run) {4:F0} ms; overhead = wall - cells: median {5:F0} ms (max {6:F0})",
            measured.Count, Median(measured.Select(s => s.Wall)), measured.Min(s => s.Wall), measured.Max(s => s.Wall),
            Median(measured.Select(s => s.Run)),
            Median(measured.Select(s => s.Wall - s.Run)), measured.Max(s => s.Wall - s.Run)));
        try
        {
            Directory.Delete(_out, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
