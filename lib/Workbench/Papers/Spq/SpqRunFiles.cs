namespace Workbench.Papers.Spq;

/// <summary>Files an SPQ run (or a baseline) adds to its record folder, next to the shared <c>manifest.json</c>, <c>history.csv</c>, <c>metrics.json</c> and <c>per-query.csv</c>.</summary>
public static class SpqRunFiles
{
    /// <summary>The final PQ index (codebooks <c>[M, K, d]</c> and database codes), <see cref="Retrieval.PqIndex.Save(string)"/>'s format.</summary>
    public const string Index = "index.pq";

    /// <summary>Query descriptors of the final evaluation, float32 <c>[Q, D]</c>, written by <c>Tensor.save</c> (PyTorch's zip format; read it with <c>torch.load</c>).</summary>
    public const string QueryDescriptors = "query-descriptors.pt";

    /// <summary>
    /// The query descriptors the notebook's descriptor map plots (<c>SpqRunView.MapQueries</c> stratified queries, float32 <c>[S, D]</c>),
    /// kept in a committed record instead of all of <see cref="QueryDescriptors"/> (<c>workbench ablation keep-inspected spq</c>).
    /// </summary>
    public const string QueryDescriptorSample = "query-descriptors-map.pt";

    /// <summary>Binary database codes of a hashing baseline, the 64-bit words as int64 <c>[N]</c> (LSH), written by <c>Tensor.save</c>.</summary>
    public const string BinaryCodes = "binary-codes.pt";
}
