using System.Diagnostics;
using Workbench.Runtime;

namespace Workbench.Tests.Models.Weights;

/// <summary>
/// Checkpoints written by PyTorch itself: runs tests/fixtures/pytorch/make_checkpoints.py once (Debian's
/// python3-torch) into a temporary folder, deleted afterwards.
/// </summary>
public sealed class PyTorchFixture : IDisposable
{
    private static readonly Lazy<string?> PythonWithTorch = new(() =>
        new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(p => Run(p, ["-c", "import torch"], TimeSpan.FromSeconds(60)).ExitCode == 0));

    private readonly Lazy<string> _folder;

    public PyTorchFixture()
    {
        _folder = new Lazy<string>(() =>
        {
            string folder = Directory.CreateTempSubdirectory("wb-pytorch-").FullName;
            string script = Path.Combine(RepositoryRoot.OfRunningAssembly(), "tests", "fixtures", "pytorch", "make_checkpoints.py");
            var (code, output) = Run(Python ?? throw new InvalidOperationException("python3-torch missing"), [script, folder], TimeSpan.FromMinutes(5));
            if (code != 0) throw new InvalidOperationException($"make_checkpoints.py failed ({code}): {output}");
            return folder;
        });
    }

    /// <summary>A python3 that imports torch, or null.</summary>
    public static string? Python => PythonWithTorch.Value;

    /// <summary>The path of a file the script wrote.</summary>
    public string PathOf(string name) => Path.Combine(_folder.Value, name);

    public void Dispose()
    {
        if (_folder.IsValueCreated) Directory.Delete(_folder.Value, recursive: true);
    }

    private static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(start)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout))
            {
                p.Kill(entireProcessTree: true);
                return (-2, "timed out");
            }
            p.WaitForExit();
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}

/// <summary>A fact that needs Debian's python3-torch to write its checkpoints (skipped, visibly, without it).</summary>
public sealed class PyTorchFactAttribute : FactAttribute
{
    public PyTorchFactAttribute()
    {
        if (PyTorchFixture.Python is null) Skip = "python3-torch is not installed (apt-get install -y python3-torch); .ci/run installs it";
    }
}
