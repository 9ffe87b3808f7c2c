using System.Text;
using Workbench.Training.Records;
using static TorchSharp.torch;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// The final L2-normalised test embeddings of a run with their labels, saved as
/// <c>test-embeddings.bin</c> in the run folder so that maps (PCA, t-SNE), Recall@K curves and
/// retrieval grids can be drawn later without the model. Rows follow the test set's order.
/// </summary>
/// <param name="Dataset">Name of the test set (e.g. <c>fonts/test (100 per class)</c>).</param>
/// <param name="ClassNames">Test class names by label.</param>
/// <param name="Labels">Label per row (N).</param>
/// <param name="Dimension">Embedding size d.</param>
/// <param name="Values">Row-major float32 values, N·d.</param>
public sealed record TestEmbeddings(string Dataset, IReadOnlyList<string> ClassNames, int[] Labels, int Dimension, float[] Values)
{
    /// <summary>File name inside a run folder.</summary>
    public const string FileName = "test-embeddings.bin";

    private const int Magic = 0x31454D44; // "DME1"

    /// <summary>Number of rows N.</summary>
    public int Count => Labels.Length;

    /// <summary>The embeddings as a CPU float32 tensor <c>[N, d]</c> (a copy).</summary>
    public Tensor ToTensor() => tensor(Values, [Count, Dimension]);

    /// <summary>Captures <paramref name="embeddings"/> <c>[N, d]</c> (any float dtype and device).</summary>
    public static TestEmbeddings From(Tensor embeddings, int[] labels, string dataset, IReadOnlyList<string> classNames)
    {
        if (embeddings.dim() != 2 || embeddings.shape[0] != labels.Length)
            throw new ArgumentException($"Embeddings must be [N, d] with one label per row; got [{string.Join(", ", embeddings.shape)}] and {labels.Length} labels.");
        using var cpu = embeddings.detach().to(ScalarType.Float32, CPU).contiguous();
        return new TestEmbeddings(dataset, classNames.ToArray(), labels, (int)embeddings.shape[1], cpu.data<float>().ToArray());
    }

    /// <summary>Writes the file atomically (temporary file, fsync, rename), so a killed run never leaves a torn one.</summary>
    public void Save(string path) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Dataset);
            writer.Write(ClassNames.Count);
            foreach (var name in ClassNames) writer.Write(name);
            writer.Write(Count);
            writer.Write(Dimension);
            foreach (int y in Labels) writer.Write(y);
            foreach (float v in Values) writer.Write(v);
        });

    /// <summary>Reads a file written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Not such a file.</exception>
    public static TestEmbeddings Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        if (reader.ReadInt32() != Magic) throw new InvalidDataException($"{path} is not a test-embeddings file.");
        string dataset = reader.ReadString();
        var names = new string[reader.ReadInt32()];
        for (int i = 0; i < names.Length; i++) names[i] = reader.ReadString();
        int n = reader.ReadInt32(), d = reader.ReadInt32();
        var labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = reader.ReadInt32();
        var values = new float[(long)n * d];
        for (long i = 0; i < values.LongLength; i++) values[i] = reader.ReadSingle();
        return new TestEmbeddings(dataset, names, labels, d, values);
    }
}
