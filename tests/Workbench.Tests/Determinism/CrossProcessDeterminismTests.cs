using System.Diagnostics;

namespace Workbench.Tests.Determinism;

/// <summary>
/// CPU runs are bit-identical across processes at a fixed thread count: each method's smoke run is
/// trained by two separate <c>workbench</c> processes (at the same time, so their buffers land at
/// different addresses) and their <c>metrics.json</c> must be byte-identical.
/// </summary>
public class CrossProcessDeterminismTests
{
    public static TheoryData<string, int> Runs()
    {
        var data = new TheoryData<string, int>();
        foreach (var method in new[] { "linear-probe", "ucdir", "spq", "dml" })
        foreach (int threads in new[] { 1, 2 })
            data.Add(method, threads);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task TwoProcesses_WriteByteIdenticalMetrics(string method, int threads)
    {
        string root = Path.Combine(Path.GetTempPath(), "wb-determinism-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            var processes = new[] { "a", "b" }.Select(name => Start(method, threads, Path.Combine(root, name))).ToList();
            foreach (var p in processes)
            {
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = p.StandardError.ReadToEndAsync();
                string output = await stdout + await stderr;
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                await p.WaitForExitAsync(timeout.Token);
                Assert.True(p.ExitCode == 0, $"{method} exited with {p.ExitCode}: {output}");
            }
            byte[] Metrics(string name) => File.ReadAllBytes(Directory.GetFiles(Path.Combine(root, name), "metrics.json", SearchOption.AllDirectories).Single());
            var a = Metrics("a");
            Assert.True(a.AsSpan().SequenceEqual(Metrics("b")), $"{method} at {threads} thread(s): the two processes' metrics.json differ");
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static Process Start(string method, int threads, string store)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { cli, "experiment", "run", method, "--preset", "smoke", "--device", "cpu", "--out", store }) info.ArgumentList.Add(arg);
        info.Environment["WORKBENCH_THREADS"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["NO_COLOR"] = "1";
        return Process.Start(info)!;
    }
}
