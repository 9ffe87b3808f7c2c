using System.Diagnostics;

namespace Workbench.Tests.Faults;

/// <summary>Runs a plain tool (e.g. <c>bash data/install.sh</c>) to its end and keeps its output.</summary>
internal static class WorkbenchChildShell
{
    /// <summary>Exit code and both streams of <paramref name="file"/> <paramref name="args"/>.</summary>
    public static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + err.GetAwaiter().GetResult());
    }
}
