using System.Diagnostics;

namespace Workbench.Tests.Reporting;

/// <summary>Headless Chromium for render checks (Debian package <c>chromium</c>; flags as in notebooks.md §7).</summary>
internal static class Chromium
{
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The browser executable: <c>WORKBENCH_CHROMIUM</c>, else chromium / chromium-browser / google-chrome on PATH; null if none.</summary>
    public static string? Executable => Found.Value;

    /// <summary>Screenshots a local HTML file; returns the PNG bytes.</summary>
    public static byte[] Screenshot(string htmlPath, int width, int height, int virtualTimeBudgetMs = 5000)
    {
        string exe = Executable ?? throw new InvalidOperationException("chromium is not installed.");
        string dir = Directory.CreateTempSubdirectory("wb-chromium-").FullName;
        string png = Path.Combine(dir, "shot.png");
        try
        {
            var psi = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", $"--user-data-dir={Path.Combine(dir, "profile")}", "--hide-scrollbars",
                $"--window-size={width},{height}", $"--virtual-time-budget={virtualTimeBudgetMs}", $"--screenshot={png}",
                new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
            }) psi.ArgumentList.Add(arg);
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            _ = p.StandardOutput.ReadToEndAsync();
            if (!p.WaitForExit(120_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 120 s.");
            }
            if (!File.Exists(png)) throw new InvalidOperationException($"chromium wrote no screenshot (exit {p.ExitCode}): {stderr.Result}");
            return File.ReadAllBytes(png);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string? Find()
    {
        string? env = Environment.GetEnvironmentVariable("WORKBENCH_CHROMIUM");
        if (!string.IsNullOrEmpty(env)) return File.Exists(env) ? env : null;
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (string name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" })
        {
            foreach (string d in dirs)
            {
                string candidate = Path.Combine(d, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}

/// <summary>A fact that is reported as skipped, with the install command, when no Chromium is installed.</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
            Skip = "chromium is not installed: apt-get install -y chromium (or set WORKBENCH_CHROMIUM to a Chrome/Chromium binary).";
    }
}
