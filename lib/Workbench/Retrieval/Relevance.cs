using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Retrieval;

/// <summary>
/// Which database items are relevant to which query: same class (<see cref="SameClass(int[], int[])"/>)
/// or at least one shared label (<see cref="SharedLabel(Tensor, Tensor)"/>, SPQ's
/// <c>query_label · database_labelᵀ &gt; 0</c>, papers.md 2.4). Judged on the CPU from compact
/// copies of the labels; thread-safe for reading.
/// </summary>
public abstract class Relevance
{
    /// <summary>Number of queries.</summary>
    public abstract int QueryCount { get; }

    /// <summary>Number of database items.</summary>
    public abstract int DatabaseCount { get; }

    /// <summary>Whether database item <paramref name="item"/> is relevant to query <paramref name="query"/>.</summary>
    public abstract bool IsRelevant(int query, int item);

    /// <summary>Number of relevant items in the whole database for one query (self included).</summary>
    public abstract int CountRelevant(int query);

    /// <summary>Relevance by equal class ids; labels are copied.</summary>
    /// <param name="queryClasses">Class id of each query.</param>
    /// <param name="databaseClasses">Class id of each database item.</param>
    public static Relevance SameClass(int[] queryClasses, int[] databaseClasses) => new ClassRelevance(queryClasses, databaseClasses);

    /// <summary>Relevance by equal class ids given as 1-D integer tensors (any device; values must fit int32).</summary>
    /// <param name="queryClasses"><c>[Q]</c> integer class ids.</param>
    /// <param name="databaseClasses"><c>[N]</c> integer class ids.</param>
    public static Relevance SameClass(Tensor queryClasses, Tensor databaseClasses) =>
        new ClassRelevance(ToClassIds(queryClasses, nameof(queryClasses)), ToClassIds(databaseClasses, nameof(databaseClasses)));

    /// <summary>
    /// Multi-label relevance: an item is relevant when it shares at least one label with the query.
    /// Label matrices are <c>[Q, L]</c> and <c>[N, L]</c> of bool, uint8 or any numeric dtype where a
    /// non-zero entry means "has label". One-hot class labels give the same result as <see cref="SameClass(int[], int[])"/>.
    /// </summary>
    public static Relevance SharedLabel(Tensor queryLabels, Tensor databaseLabels) => new MultiLabelRelevance(queryLabels, databaseLabels);

    /// <summary>Multi-label relevance from boolean label matrices <c>[Q][L]</c> and <c>[N][L]</c>.</summary>
    public static Relevance SharedLabel(bool[,] queryLabels, bool[,] databaseLabels) => new MultiLabelRelevance(queryLabels, databaseLabels);

    private static int[] ToClassIds(Tensor t, string name)
    {
        ArgumentNullException.ThrowIfNull(t, name);
        if (t.dim() != 1)
            throw new ArgumentException($"{name} must be a 1-D tensor of class ids, got shape [{string.Join(", ", t.shape)}]. For multi-label data use Relevance.SharedLabel.", name);
        if (t.is_floating_point() || t.dtype == ScalarType.Bool)
            throw new ArgumentException($"{name} must hold integer class ids, got {t.dtype}.", name);
        using var cpu = t.to(ScalarType.Int64, CPU);
        long[] values = cpu.data<long>().ToArray();
        var ids = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is < int.MinValue or > int.MaxValue)
                throw new ArgumentException($"{name}[{i}] = {values[i]} does not fit in int32.", name);
            ids[i] = (int)values[i];
        }
        return ids;
    }
}
