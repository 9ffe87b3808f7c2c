using System.Diagnostics;

namespace Workbench.Data.Installation;

/// <summary>Runs an external tool (apt-get, npm, dpkg-deb) without a shell and collects its output.</summary>
public static class ProcessRunner
{
    /// <summary>The result of a run.</summary>
    /// <param name="ExitCode">Process exit code.</param>
    /// <param name="Output">Standard output.</param>
    /// <param name="Error">Standard error.</param>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/> and waits.</summary>
    /// <exception cref="InvalidOperationException">The tool is not installed; the message names it.</exception>
    public static Result Run(string file, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        using var p = Start(file, arguments, workingDirectory, redirectOutput: true);
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return new Result(p.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    /// <summary>Starts a process whose standard output the caller reads (e.g. <c>dpkg-deb --fsys-tarfile</c>).</summary>
    public static Process Start(string file, IEnumerable<string> arguments, string? workingDirectory = null, bool redirectOutput = true)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = redirectOutput,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        try
        {
            return Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{file}' is not available ({e.Message}). It is needed to install datasets; on Debian/Ubuntu install it with apt-get.", e);
        }
    }
}
