using System.Diagnostics;

namespace Workbench.Tests.Runtime;

/// <summary>
/// The <c>./workbench</c> script at the repository root says on stderr, in one line, that it is building before it builds (the first
/// build takes minutes), and says nothing when no build is needed. A stand-in <c>dotnet</c> on PATH records what it is asked to do.
/// </summary>
public class WorkbenchScriptTests
{
    private static (string Stdout, string Stderr, int Code) RunScript(string repo, string bin, bool build)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(repo, "workbench"), "env"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["WORKBENCH_BUILD"] = build ? "1" : "0";
        using var p = Process.Start(start)!;
        string stdout = p.StandardOutput.ReadToEnd(), stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (stdout, stderr, p.ExitCode);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void It_says_that_it_builds_when_it_builds_and_nothing_otherwise()
    {
        using var temp = new Data.TempDir();
        string repo = Path.Combine(temp.Path, "repo"), bin = Path.Combine(temp.Path, "bin");
        Directory.CreateDirectory(Path.Combine(repo, "lib", "Workbench.Cli", "bin", "Release", "net10.0"));
        Directory.CreateDirectory(bin);
        File.Copy(Path.Combine(TestHost.RepoRoot, "workbench"), Path.Combine(repo, "workbench"));
        File.WriteAllText(Path.Combine(repo, "lib", "Workbench.Cli", "bin", "Release", "net10.0", "Workbench.Cli.dll"), "");
        string fake = Path.Combine(bin, "dotnet");
        File.WriteAllText(fake, "#!/usr/bin/env bash\necho \"dotnet $1\"\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var built = RunScript(repo, bin, build: true);
        Assert.Equal(0, built.Code);
        Assert.StartsWith("workbench: building the command-line tool", built.Stderr, StringComparison.Ordinal);
        Assert.Single(built.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Workbench.Cli.dll", built.Stdout, StringComparison.Ordinal); // then it ran the tool

        var quiet = RunScript(repo, bin, build: false);
        Assert.Equal(0, quiet.Code);
        Assert.Equal("", quiet.Stderr);
    }
}
