using System.Security.Cryptography;
using Workbench.Training.Checkpoints;
using Workbench.Experiments.Records;
using Workbench.Training.Records;

namespace Workbench.Tests.Faults;

/// <summary>Shared pieces of the fault-injection suite: a fast real run (linear-probe smoke), record snapshots, damage.</summary>
internal static class FaultRuns
{
    /// <summary>The xunit trait marking the slower fault tests (still run in CI; a few seconds each).</summary>
    public const string Slow = "Slow";

    /// <summary><c>experiment run linear-probe --preset smoke</c> with <paramref name="epochs"/> epochs and a checkpoint every <paramref name="checkpointEvery"/>.</summary>
    public static string[] LinearProbe(string store, int epochs, int checkpointEvery = 1, params string[] extra) =>
        ["experiment", "run", "linear-probe", "--preset", "smoke", "--set", $"epochs={epochs}", "--set", $"checkpointEvery={checkpointEvery}",
         "--device", "cpu", "--out", store, .. extra];

    /// <summary>The only run folder of <paramref name="store"/> whose id has no <c>-2</c> suffix.</summary>
    public static string OnlyRun(string store) => Assert.Single(RunStore.ListIn(store)).Directory;

    /// <summary>SHA-256 of every file under <paramref name="folder"/> (lock files excluded), by relative path.</summary>
    public static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith(RunLock.FileName, StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    /// <summary>Completed epochs recorded in the manifest (0 when it has none yet).</summary>
    public static int RecordedEpochs(string runDirectory)
    {
        try
        {
            return File.Exists(Path.Combine(runDirectory, RunFiles.Manifest)) ? RunStore.ReadManifest(runDirectory).Progress?.Epoch ?? 0 : 0;
        }
        catch (DamagedRecordException)
        {
            return 0; // being replaced right now; ask again
        }
    }

    /// <summary>Completed epochs in the run's last checkpoint.</summary>
    public static int CheckpointEpochs(string runDirectory) => TrainingCheckpoint.Read(Path.Combine(runDirectory, RunFiles.LastCheckpoint)).Header.State.Epoch;

    /// <summary>Flips one bit in the middle of <paramref name="path"/>.</summary>
    public static void FlipBit(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Cuts <paramref name="path"/> to half its length.</summary>
    public static void Truncate(string path)
    {
        using var f = new FileStream(path, FileMode.Open);
        f.SetLength(f.Length / 2);
    }

    /// <summary>Asserts the text a user saw has no stack trace and no colour codes.</summary>
    public static void AssertPlain(string text)
    {
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("\u001b[", text);
        Assert.DoesNotContain("(Parameter '", text);
    }
}
