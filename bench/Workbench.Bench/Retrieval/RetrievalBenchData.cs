using Workbench.Clustering;
using Workbench.Retrieval;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Bench.Retrieval;

/// <summary>
/// The data of the retrieval benchmarks, generated from fixed seeds and cached under
/// <c>artifacts/bench/retrieval/</c>: the PQ/exact-search set (100,000 x 64 database, 1,000 x 64
/// queries, standard normal, raw little-endian float32 files that <c>bench/faiss/faiss_pq_bench.py</c>
/// reads too) and the trained PQ indexes (saved with <see cref="PqIndex.Save(string)"/>).
/// </summary>
public static class RetrievalBenchData
{
    /// <summary>Database size of the ADC and exact-search benchmarks.</summary>
    public const int BaseCount = 100_000;

    /// <summary>Number of queries.</summary>
    public const int QueryCount = 1_000;

    /// <summary>Vector dimension.</summary>
    public const int Dimension = 64;

    /// <summary>The cache folder, created on demand.</summary>
    public static string Folder
    {
        get
        {
            string root = Workbench.Runtime.RepositoryRoot.Find(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();
            string folder = Path.Combine(root, "artifacts", "bench", "retrieval");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>Row-major <c>[100000, 64]</c> database vectors.</summary>
    public static float[] Base() => Load($"base-{BaseCount}x{Dimension}.f32", BaseCount * Dimension, "bench/base");

    /// <summary>Row-major <c>[1000, 64]</c> query vectors.</summary>
    public static float[] Queries() => Load($"queries-{QueryCount}x{Dimension}.f32", QueryCount * Dimension, "bench/queries");

    /// <summary>A PQ index over <see cref="Base"/> with M sub-spaces and K codewords, trained once and cached.</summary>
    /// <remarks>Training follows FAISS's defaults: at most 256·K training vectors, random initialisation, 25 iterations.</remarks>
    public static PqIndex Index(int m, int k)
    {
        string path = Path.Combine(Folder, $"index-m{m}-k{k}.pq");
        if (File.Exists(path)) return WithFaissExport(PqIndex.Load(path), m, k);
        using var scope = NewDisposeScope();
        Tensor x = tensor(Base(), [BaseCount, Dimension]);
        int train = Math.Min(BaseCount, 256 * k);
        var pq = ProductQuantizer.Train(x.narrow(0, 0, train), m, k,
            new KMeansOptions { Clusters = k, Init = KMeansInit.Random, MaxIterations = 25, Seed = 1 });
        var index = new PqIndex(pq, PqSubDistance.Squared);
        index.Add(x);
        index.Save(path);
        return WithFaissExport(index, m, k);
    }

    /// <summary>Queries of the CIFAR-10-scale mAP benchmark.</summary>
    public const int MapQueryCount = 10_000;

    /// <summary>Database size of the CIFAR-10-scale mAP benchmark.</summary>
    public const int MapDatabaseCount = 60_000;

    /// <summary>
    /// The CIFAR-10-scale mAP set: 10,000 queries and 60,000 database items, 64-d, 10 classes (class
    /// centres plus noise of standard deviation 1.5), from a fixed seed. Also written as raw files
    /// (<c>map-queries-10000x64.f32</c>, <c>map-database-60000x64.f32</c>, <c>map-*-labels.i32</c>)
    /// for the anchor side of the side-by-side benchmark.
    /// </summary>
    public static (Tensor Queries, Tensor Database, Tensor QueryLabels, Tensor DatabaseLabels) MapSet()
    {
        const int classes = 10;
        using var g = Seeding.NewGenerator("bench/map", 7);
        using var scope = NewDisposeScope();
        Tensor centres = randn(classes, Dimension, generator: g);
        Tensor qLabels = randint(0, classes, [MapQueryCount], generator: g);
        Tensor dbLabels = randint(0, classes, [MapDatabaseCount], generator: g);
        Tensor q = centres.index_select(0, qLabels).add(randn(MapQueryCount, Dimension, generator: g).mul(1.5));
        Tensor db = centres.index_select(0, dbLabels).add(randn(MapDatabaseCount, Dimension, generator: g).mul(1.5));
        WriteRaw($"map-queries-{MapQueryCount}x{Dimension}.f32", q.contiguous().data<float>().ToArray());
        WriteRaw($"map-database-{MapDatabaseCount}x{Dimension}.f32", db.contiguous().data<float>().ToArray());
        WriteRaw("map-query-labels.i32", qLabels.to(ScalarType.Int32).data<int>().ToArray());
        WriteRaw("map-database-labels.i32", dbLabels.to(ScalarType.Int32).data<int>().ToArray());
        return (q.MoveToOuterDisposeScope(), db.MoveToOuterDisposeScope(), qLabels.MoveToOuterDisposeScope(), dbLabels.MoveToOuterDisposeScope());
    }

    private static void WriteRaw<T>(string name, T[] values) where T : unmanaged
    {
        string path = Path.Combine(Folder, name);
        byte[] bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        if (File.Exists(path) && new FileInfo(path).Length == bytes.Length) return;
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Writes <c>index-m{M}-k{K}.faiss</c> (the same codes as a FAISS IndexPQ) beside the index once, for <c>faiss_pq_bench.py --from-exports</c>.</summary>
    private static PqIndex WithFaissExport(PqIndex index, int m, int k)
    {
        string faiss = Path.Combine(Folder, $"index-m{m}-k{k}.faiss");
        if (!File.Exists(faiss)) index.ExportFaiss(faiss);
        return index;
    }

    private static float[] Load(string name, int count, string stream)
    {
        string path = Path.Combine(Folder, name);
        if (File.Exists(path) && new FileInfo(path).Length == count * 4L)
        {
            byte[] bytes = File.ReadAllBytes(path);
            var values = new float[count];
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            return values;
        }
        var random = Seeding.NewRandom(stream, 2024);
        var data = new float[count];
        for (int i = 0; i < count; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            data[i] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        var raw = new byte[count * 4L];
        Buffer.BlockCopy(data, 0, raw, 0, raw.Length);
        File.WriteAllBytes(path, raw);
        return data;
    }
}
