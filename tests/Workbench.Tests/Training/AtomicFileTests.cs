using Workbench.Training.Records;

namespace Workbench.Tests.Training;

/// <summary>Atomic replacement and the clean-up of temporaries that a killed writer left behind.</summary>
public class AtomicFileTests
{
    [Fact]
    public void Leftovers_of_other_processes_are_removed_and_the_records_kept()
    {
        using var dir = new TempDirectory();
        string ckpt = Path.Combine(dir.Path, "checkpoints");
        Directory.CreateDirectory(ckpt);
        AtomicFile.WriteAllText(Path.Combine(dir.Path, "metrics.json"), "{}");
        AtomicFile.WriteFile(Path.Combine(ckpt, "encoder.safetensors"), temp =>
        {
            Assert.EndsWith(".safetensors", temp); // a writer that checks the extension still sees it
            File.WriteAllText(temp, "e");
        });
        string guid = new('a', 32);
        string torn = Path.Combine(ckpt, $".last.999999.{guid}.tmp.ckpt"), tornJson = Path.Combine(dir.Path, $".metrics.999999.{guid}.tmp.json");
        string mine = Path.Combine(dir.Path, $".history.{Environment.ProcessId}.{guid}.tmp.csv"), user = Path.Combine(dir.Path, ".notes.tmp");
        foreach (var f in new[] { torn, tornJson, mine, user }) File.WriteAllText(f, "x");

        var removed = AtomicFile.RemoveLeftovers(dir.Path);

        Assert.Equal([tornJson, torn], removed.Order(StringComparer.Ordinal));
        Assert.True(File.Exists(mine)); // this process's own (it may be writing it now)
        Assert.True(File.Exists(user)); // not a workbench temporary
        Assert.Equal("{}", File.ReadAllText(Path.Combine(dir.Path, "metrics.json")));
        Assert.Equal("e", File.ReadAllText(Path.Combine(ckpt, "encoder.safetensors")));
        Assert.Equal(4, Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories).Count());
    }
}
