using System.Diagnostics;

namespace Workbench.Notebooks.Tests;

/// <summary>Debian tools some tests use (python3-nbformat, chromium); tests that need one are skipped, visibly, when it is absent.</summary>
internal static class ExternalTools
{
    private static readonly Lazy<string?> PythonWithNbformat = new(() =>
        new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(p => Run(p, ["-c", "import nbformat"], null, TimeSpan.FromSeconds(20)).ExitCode == 0));

    private static readonly Lazy<string?> ChromiumPath = new(() =>
        new[] { "chromium", "chromium-browser", "google-chrome" }
            .Select(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists))
            .FirstOrDefault(p => p is not null));

    /// <summary>A python3 that can import nbformat (Debian: python3-nbformat), or null.</summary>
    public static string? Python => PythonWithNbformat.Value;

    /// <summary>The Chromium executable (Debian: chromium), or null.</summary>
    public static string? Chromium => ChromiumPath.Value;

    public static (int ExitCode, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, string? workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        foreach (var a in args) start.ArgumentList.Add(a);
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        Process p;
        try
        {
            p = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", e.Message);
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout))
            {
                p.Kill(entireProcessTree: true);
                return (-2, stdout.Result, stderr.Result + $"\n(killed after {timeout.TotalSeconds} s)");
            }
            p.WaitForExit();
            return (p.ExitCode, stdout.Result, stderr.Result);
        }
    }
}

/// <summary>A fact that needs python3 with nbformat (apt-get install -y python3-nbformat).</summary>
public sealed class NbformatFactAttribute : FactAttribute
{
    public NbformatFactAttribute()
    {
        if (ExternalTools.Python is null) Skip = "python3-nbformat is not installed (apt-get install -y python3-nbformat)";
    }
}

/// <summary>A fact that needs headless Chromium (apt-get install -y chromium).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (ExternalTools.Chromium is null) Skip = "chromium is not installed (apt-get install -y chromium)";
    }
}
