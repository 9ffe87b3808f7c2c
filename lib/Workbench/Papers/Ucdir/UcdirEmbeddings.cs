using Workbench.Models.Weights;
using static TorchSharp.torch;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// The final retrieval features of a run (<c>ucdir-embeddings.dat</c> in the run folder, TorchSharp state-dict format):
/// <c>a</c> <c>[N_A, D]</c>, <c>b</c> <c>[N_B, D]</c> float32 and their class ids <c>labels_a</c>, <c>labels_b</c> (int64), so notebooks
/// draw retrieval grids and embedding maps from the records without retraining.
/// </summary>
/// <param name="A">Domain A's features (CPU).</param>
/// <param name="LabelsA">Domain A's class ids.</param>
/// <param name="B">Domain B's features (CPU).</param>
/// <param name="LabelsB">Domain B's class ids.</param>
public sealed record UcdirEmbeddings(Tensor A, int[] LabelsA, Tensor B, int[] LabelsB) : IDisposable
{
    /// <summary>File name inside a run folder.</summary>
    public const string FileName = "ucdir-embeddings.dat";

    /// <summary>Writes the features and labels.</summary>
    public static void Write(string path, Tensor a, IReadOnlyList<int> labelsA, Tensor b, IReadOnlyList<int> labelsB)
    {
        using var scope = NewDisposeScope();
        StateDictFile.Write(path,
        [
            new("a", a.detach().to(ScalarType.Float32).cpu()),
            new("b", b.detach().to(ScalarType.Float32).cpu()),
            new("labels_a", tensor(labelsA.Select(l => (long)l).ToArray())),
            new("labels_b", tensor(labelsB.Select(l => (long)l).ToArray())),
        ]);
    }

    /// <summary>Reads a file written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">Not such a file.</exception>
    public static UcdirEmbeddings Read(string path)
    {
        var entries = StateDictFile.Read(path).ToDictionary(e => e.Key, e => e.Value);
        if (!entries.ContainsKey("a") || !entries.ContainsKey("b") || !entries.ContainsKey("labels_a") || !entries.ContainsKey("labels_b"))
        {
            foreach (var t in entries.Values) t.Dispose();
            throw new InvalidDataException($"{path} is not a UCDIR embeddings file (expected a, b, labels_a, labels_b).");
        }
        int[] Labels(Tensor t)
        {
            using (t) return t.data<long>().Select(v => (int)v).ToArray();
        }
        return new UcdirEmbeddings(entries["a"], Labels(entries["labels_a"]), entries["b"], Labels(entries["labels_b"]));
    }

    /// <summary>Disposes the feature tensors.</summary>
    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
