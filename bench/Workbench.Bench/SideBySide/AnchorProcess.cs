using System.Diagnostics;
using System.Text.Json;

namespace Workbench.Bench.SideBySide;

/// <summary>
/// The anchor side (<c>bench/anchors/anchor.py</c> or <c>training_anchor.py</c> under Debian's <c>/usr/bin/python3</c>) kept
/// running for the whole benchmark, so each timed repetition is one line out and one line back.
/// FAISS comes from <c>WORKBENCH_FAISS_PYTHONPATH</c> when set (a local build), else Debian's
/// <c>python3-faiss</c>.
/// </summary>
public sealed class AnchorProcess : IDisposable
{
    private readonly Process _process;

    private AnchorProcess(Process process) => _process = process;

    /// <summary>Starts an anchor script of <c>bench/anchors/</c> (default the FAISS one) from the repository root.</summary>
    public static AnchorProcess Start(string repositoryRoot, string script = "anchor.py")
    {
        var start = new ProcessStartInfo("/usr/bin/python3", Path.Combine(repositoryRoot, "bench", "anchors", script))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            WorkingDirectory = repositoryRoot,
        };
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FAISS_OPT_LEVEL"))
            && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WORKBENCH_FAISS_PYTHONPATH")))
            start.Environment["FAISS_OPT_LEVEL"] = "AVX2";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/python3 for the anchor side.");
        return new AnchorProcess(process);
    }

    /// <summary>Versions and build of the anchor's libraries.</summary>
    public JsonElement Info() => Ask("info");

    /// <summary>Builds the work's index or model once.</summary>
    public void Prepare(string work, int threads) => Ask($"prepare {work} {threads}");

    /// <summary>
    /// One timed run: wall milliseconds measured inside the anchor, its process CPU milliseconds (NaN when the
    /// script does not report <c>cpu_ms</c>), a digest of its result, and the setting the anchor tuned itself to
    /// (<c>setting</c>; empty when not reported).
    /// </summary>
    public (double Milliseconds, double CpuMilliseconds, string Check, string Setting) Run(string work, int threads)
    {
        JsonElement reply = Ask($"run {work} {threads}");
        double cpu = reply.TryGetProperty("cpu_ms", out var c) ? c.GetDouble() : double.NaN;
        string setting = reply.TryGetProperty("setting", out var s) ? s.GetString() ?? "" : "";
        return (reply.GetProperty("ms").GetDouble(), cpu, reply.GetProperty("check").GetString() ?? "", setting);
    }

    private JsonElement Ask(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
        string line = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"The anchor process ended while answering '{command}' (are python3-faiss and python3-torch installed?).");
        JsonElement reply = JsonDocument.Parse(line).RootElement.Clone();
        if (reply.TryGetProperty("error", out var error))
            throw new InvalidOperationException($"The anchor failed on '{command}': {error.GetString()}");
        return reply;
    }

    /// <summary>Asks the script to quit and waits for it.</summary>
    public void Dispose()
    {
        try
        {
            _process.StandardInput.WriteLine("quit");
            _process.StandardInput.Flush();
            if (!_process.WaitForExit(10_000)) _process.Kill();
        }
        catch (IOException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
