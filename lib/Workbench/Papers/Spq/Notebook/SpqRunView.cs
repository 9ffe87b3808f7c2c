using System.Globalization;
using System.Text.Json;
using TorchSharp;
using Workbench.Experiments.Records;
using Workbench.Reporting.Charts;
using Workbench.Reporting.Embedding;
using Workbench.Reporting.Grids;
using Workbench.Retrieval;
using Workbench.Training.Records;
using static TorchSharp.torch;

namespace Workbench.Papers.Spq.Notebook;

/// <summary>
/// One finished SPQ run read back from its record folder, for the notebook's figures: its images
/// (reloaded from the data settings in the manifest), the final PQ index (codebooks and database codes),
/// the query descriptors, and the per-query rows (AP@K, the first ranked ids). Nothing is retrained.
/// </summary>
public sealed class SpqRunView : IDisposable
{
    private SpqRunView(string directory, SpqConfig config, SpqData data, PqIndex index, Tensor queries, IReadOnlyList<double> ap, IReadOnlyList<int[]> top)
    {
        Directory = directory;
        Config = config;
        Data = data;
        Index = index;
        QueryDescriptors = queries;
        AveragePrecision = ap;
        TopIds = top;
    }

    /// <summary>The run's record folder.</summary>
    public string Directory { get; }

    /// <summary>The run's resolved configuration.</summary>
    public SpqConfig Config { get; }

    /// <summary>Database and query images.</summary>
    public SpqData Data { get; }

    /// <summary>The final index: learned codebooks <c>[M, K, d]</c> and the database codes.</summary>
    public PqIndex Index { get; }

    /// <summary>
    /// Query descriptors x̂ of the final model, float32 <c>[Q, M·d]</c>; for a committed record that keeps only the sample
    /// <see cref="DescriptorMap"/> plots (<see cref="SpqRunFiles.QueryDescriptorSample"/>), those <c>[S, M·d]</c> rows
    /// (<see cref="DescriptorsAreSample"/>).
    /// </summary>
    public Tensor QueryDescriptors { get; }

    /// <summary>Whether <see cref="QueryDescriptors"/> holds only the <see cref="MapQueries"/> sampled queries of <see cref="DescriptorMap"/>.</summary>
    public bool DescriptorsAreSample { get; private init; }

    /// <summary>Queries <see cref="DescriptorMap"/> plots by default (a stratified sample, seed 0).</summary>
    public const int MapQueries = 2000;

    /// <summary>The files of a run folder the views read besides its manifest, apart from the query descriptors (full or sampled).</summary>
    public static IReadOnlyList<string> Files { get; } = [SpqRunFiles.Index, RunFiles.PerQuery];

    /// <summary>
    /// Writes the <see cref="MapQueries"/> query descriptors <see cref="DescriptorMap"/> plots, in its order, from the full descriptors
    /// of the run in <paramref name="runDirectory"/> to <paramref name="path"/> (what a committed record keeps instead of all of them).
    /// </summary>
    public static void WriteDescriptorSample(string runDirectory, string path)
    {
        var config = ConfigOf(runDirectory);
        using var data = SpqData.Load(config.Data);
        using var all = torch.load(Path.Combine(runDirectory, SpqRunFiles.QueryDescriptors));
        var rows = SpqData.StratifiedIndices(data.Queries, MapQueries, seed: 0);
        using var sample = all.index_select(0, tensor(rows.Select(i => (long)i).ToArray())).contiguous();
        sample.save(path);
    }

    private static SpqConfig ConfigOf(string directory) =>
        RunStore.ReadManifest(directory).Config.Deserialize<SpqConfig>(RecordJson.Compact)
        ?? throw new InvalidDataException($"{directory}: the manifest has no SPQ configuration.");

    /// <summary>AP@K of every query (<c>per-query.csv</c>).</summary>
    public IReadOnlyList<double> AveragePrecision { get; }

    /// <summary>The first ranked database ids of every query (<c>per-query.csv</c>, column <c>top</c>).</summary>
    public IReadOnlyList<int[]> TopIds { get; }

    /// <summary>Opens a finished SPQ run folder.</summary>
    /// <exception cref="FileNotFoundException">The folder lacks the index, descriptors or per-query rows (not a finished SPQ run).</exception>
    public static SpqRunView Open(string directory)
    {
        var config = ConfigOf(directory);
        foreach (var file in Files)
        {
            string path = Path.Combine(directory, file);
            if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing: is {directory} a finished SPQ run?", path);
        }
        string full = Path.Combine(directory, SpqRunFiles.QueryDescriptors), sampled = Path.Combine(directory, SpqRunFiles.QueryDescriptorSample);
        bool isSample = !File.Exists(full) && File.Exists(sampled);
        if (!isSample && !File.Exists(full)) throw new FileNotFoundException($"{full} is missing: is {directory} a finished SPQ run?", full);
        var index = PqIndex.Load(Path.Combine(directory, SpqRunFiles.Index));
        var queries = torch.load(isSample ? sampled : full) as Tensor
                      ?? throw new InvalidDataException($"{directory}: {Path.GetFileName(isSample ? sampled : full)} does not hold a tensor.");
        var (ap, top) = ReadPerQuery(Path.Combine(directory, RunFiles.PerQuery));
        return new SpqRunView(directory, config, SpqData.Load(config.Data), index, queries, ap, top) { DescriptorsAreSample = isSample };
    }

    /// <summary>Codeword usage per codebook of the database codes (bars per codeword, perplexity in each title).</summary>
    public Plotly.NET.GenericChart CodewordUsage()
    {
        using var codes = tensor(Index.GetCodes(), [Index.Count, Index.Quantizer.SubspaceCount]);
        var counts = CodewordUsageChart.Count(codes, Index.Quantizer.CodewordCount);
        return CodewordUsageChart.Build(counts, $"Codeword usage per codebook ({Config.Bits} bits, {Index.Count:N0} database items)",
            columns: Math.Min(3, Index.Quantizer.SubspaceCount));
    }

    /// <summary>The first two principal components of <paramref name="count"/> query descriptors (a stratified sample), coloured by class.</summary>
    public Plotly.NET.GenericChart DescriptorMap(int count = MapQueries)
    {
        if (DescriptorsAreSample) count = MapQueries; // the record keeps exactly these rows, in this order
        var rows = SpqData.StratifiedIndices(Data.Queries, count, seed: 0);
        using var sample = DescriptorsAreSample ? QueryDescriptors.alias() : QueryDescriptors.index_select(0, tensor(rows.Select(i => (long)i).ToArray()));
        using var points = Pca.FitTransform(sample, 2);
        var classes = rows.Select(i => (int)Data.Queries.Labels[i]).ToArray();
        return EmbeddingScatterChart.Build(points, classes, classNames: Data.Queries.ClassNames,
            title: $"Deep descriptors x̂ of {rows.Length:N0} queries, PCA (coloured by class, never seen in training)", axisName: "Component");
    }

    /// <summary>A retrieval grid (query, then its top results framed by relevance) for the selected queries.</summary>
    public RetrievalGrid Grid(QuerySelection selection, int topK = 7, int cellSize = 64)
    {
        var relevance = TopIds.Select((ids, q) => ids.Select(id => Data.Database.Labels[id] == Data.Queries.Labels[q]).ToArray()).ToList();
        var source = new RetrievalGridSource(
            q => Data.Queries.LoadImages([q])[0], i => Data.Database.LoadImages([i])[0], Data.Queries.Count, Data.Database.Count,
            TopIds, relevance, Data.Queries.Labels.Select(l => (int)l).ToArray(), Data.Database.Labels.Select(l => (int)l).ToArray(),
            Data.Queries.ClassNames);
        return RetrievalGrid.Build(source, selection, Math.Min(topK, TopIds.Min(t => t.Length)), cellSize);
    }

    /// <summary>Frees the images, the descriptors and the index's tensors.</summary>
    public void Dispose()
    {
        QueryDescriptors.Dispose();
        Data.Dispose();
    }

    private static (double[] Ap, int[][] Top) ReadPerQuery(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        // per-query AP@K: "mAP@K" in the one per-query schema, "ap@K" in records written before it
        int apColumn = Array.FindIndex(header, h => (h.StartsWith("mAP@", StringComparison.Ordinal) || h.StartsWith("ap@", StringComparison.Ordinal)) && !h.EndsWith("@all", StringComparison.Ordinal));
        int topColumn = Array.IndexOf(header, "top");
        if (apColumn < 0 || topColumn < 0) throw new InvalidDataException($"{path} has no mAP@K (per-query AP) or top column.");
        var ap = new double[lines.Length - 1];
        var top = new int[lines.Length - 1][];
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            ap[i - 1] = double.Parse(cells[apColumn], CultureInfo.InvariantCulture);
            top[i - 1] = cells[topColumn].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        }
        return (ap, top);
    }
}
