using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Workbench.Tests.Faults;

/// <summary>
/// The <c>workbench</c> command in a child process (the CLI built next to the tests), so that faults are real:
/// signals, kills, concurrent processes, exit codes and the exact text a user sees.
/// </summary>
internal sealed class WorkbenchChild : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new(), _err = new();

    private WorkbenchChild(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_out) _out.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_err) _err.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Standard output so far.</summary>
    public string Output { get { lock (_out) return _out.ToString(); } }

    /// <summary>Standard error so far.</summary>
    public string Error { get { lock (_err) return _err.ToString(); } }

    /// <summary>Both streams.</summary>
    public string Text => Output + Error;

    /// <summary>The child's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Starts <c>workbench <paramref name="args"/></c> with one torch thread, no colour, and <paramref name="environment"/> added.</summary>
    public static WorkbenchChild Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["WORKBENCH_THREADS"] = "1";
        psi.Environment["COLUMNS"] = "100";
        psi.Environment.Remove("NO_COLOR");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return new WorkbenchChild(Process.Start(psi)!);
    }

    /// <summary>Runs <c>workbench <paramref name="args"/></c> to its end (at most <paramref name="timeoutSeconds"/>) and returns it.</summary>
    public static WorkbenchChild Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, int timeoutSeconds = 300)
    {
        var child = Start(args, environment);
        child.WaitForExit(timeoutSeconds);
        return child;
    }

    /// <summary>Waits for the end; returns the exit code (128 + n after a signal n the process did not handle).</summary>
    public int WaitForExit(int timeoutSeconds = 300)
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"workbench did not end within {timeoutSeconds} s. Output so far:\n{Text}");
        }
        _process.WaitForExit(); // drains the output readers
        return ExitCode;
    }

    /// <summary>The exit code once ended.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Whether the child has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Sends a POSIX signal (2 SIGINT, 15 SIGTERM, 9 SIGKILL).</summary>
    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0 && !_process.HasExited) throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}.");
    }

    /// <summary>Waits until <paramref name="condition"/> holds or the child ends; true when it holds.</summary>
    public bool WaitUntil(Func<bool> condition, int timeoutSeconds = 120)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < timeoutSeconds)
        {
            if (condition()) return true;
            if (_process.HasExited) return condition();
            Thread.Sleep(20);
        }
        return false;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

#pragma warning disable SYSLIB1054 // one int-only call; DllImport needs no unsafe code in the test project
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
