using TorchSharp;

namespace Workbench.Reporting.Grids;

/// <summary>
/// What a retrieval grid shows: the query and database images (as delegates, so a lazily decoded
/// dataset works as well as an in-memory tensor) and, per query, the ranked database ids with
/// their relevance. Labels are optional and only used in captions.
/// </summary>
/// <remarks>No dependency on a ranking type: the arrays can come from any search (exact, PQ) and
/// any relevance rule (same class, shared label, cross-domain same class).</remarks>
public sealed class RetrievalGridSource
{
    /// <summary>Creates a source and checks that the arrays agree.</summary>
    /// <param name="queryImage">Image of query q: [C, H, W] uint8 or float in [0, 1], C ∈ {1, 3, 4}.</param>
    /// <param name="databaseImage">Image of database item j, same format.</param>
    /// <param name="queryCount">Number of queries Q.</param>
    /// <param name="databaseCount">Number of database items N.</param>
    /// <param name="rankedIds">Per query, database ids best first (at least the top k shown).</param>
    /// <param name="relevance">Per query, whether each ranked id is relevant (same length as its ranked ids).</param>
    /// <param name="queryLabels">Optional class id per query (captions).</param>
    /// <param name="databaseLabels">Optional class id per database item (captions).</param>
    /// <param name="classNames">Optional names indexed by class id.</param>
    public RetrievalGridSource(Func<int, torch.Tensor> queryImage, Func<int, torch.Tensor> databaseImage, int queryCount, int databaseCount,
        IReadOnlyList<int[]> rankedIds, IReadOnlyList<bool[]> relevance,
        IReadOnlyList<int>? queryLabels = null, IReadOnlyList<int>? databaseLabels = null, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(queryImage);
        ArgumentNullException.ThrowIfNull(databaseImage);
        if (rankedIds.Count != queryCount || relevance.Count != queryCount)
            throw new ArgumentException($"{queryCount} queries but {rankedIds.Count} ranked lists and {relevance.Count} relevance lists; give one of each per query.");
        for (int q = 0; q < queryCount; q++)
        {
            if (rankedIds[q].Length != relevance[q].Length)
                throw new ArgumentException($"query {q}: {rankedIds[q].Length} ranked ids but {relevance[q].Length} relevance flags.", nameof(relevance));
            int bad = Array.FindIndex(rankedIds[q], id => (uint)id >= (uint)databaseCount);
            if (bad >= 0) throw new ArgumentException($"query {q}: ranked id {rankedIds[q][bad]} at rank {bad + 1} is outside the database [0, {databaseCount}).", nameof(rankedIds));
        }
        if (queryLabels is not null && queryLabels.Count != queryCount) throw new ArgumentException($"{queryLabels.Count} query labels for {queryCount} queries.", nameof(queryLabels));
        if (databaseLabels is not null && databaseLabels.Count != databaseCount) throw new ArgumentException($"{databaseLabels.Count} database labels for {databaseCount} items.", nameof(databaseLabels));
        (QueryImage, DatabaseImage, QueryCount, DatabaseCount) = (queryImage, databaseImage, queryCount, databaseCount);
        (RankedIds, Relevance, QueryLabels, DatabaseLabels, ClassNames) = (rankedIds, relevance, queryLabels, databaseLabels, classNames);
    }

    /// <summary>Image of a query, [C, H, W].</summary>
    public Func<int, torch.Tensor> QueryImage { get; }

    /// <summary>Image of a database item, [C, H, W].</summary>
    public Func<int, torch.Tensor> DatabaseImage { get; }

    /// <summary>Number of queries.</summary>
    public int QueryCount { get; }

    /// <summary>Number of database items.</summary>
    public int DatabaseCount { get; }

    /// <summary>Per query, ranked database ids (best first).</summary>
    public IReadOnlyList<int[]> RankedIds { get; }

    /// <summary>Per query, relevance of each ranked id.</summary>
    public IReadOnlyList<bool[]> Relevance { get; }

    /// <summary>Optional class id per query.</summary>
    public IReadOnlyList<int>? QueryLabels { get; }

    /// <summary>Optional class id per database item.</summary>
    public IReadOnlyList<int>? DatabaseLabels { get; }

    /// <summary>Optional class names indexed by class id.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>
    /// A source over in-memory image batches: queries [Q, C, H, W] and database [N, C, H, W]
    /// (uint8, or float in [0, 1]; the two may differ in size, e.g. two domains). The tensors must
    /// stay alive while grids are drawn.
    /// </summary>
    public static RetrievalGridSource FromTensors(torch.Tensor queries, torch.Tensor database, IReadOnlyList<int[]> rankedIds,
        IReadOnlyList<bool[]> relevance, IReadOnlyList<int>? queryLabels = null, IReadOnlyList<int>? databaseLabels = null,
        IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(database);
        if (queries.dim() != 4 || database.dim() != 4)
            throw new ArgumentException($"Images must be [N, C, H, W]; got queries [{string.Join(", ", queries.shape)}], database [{string.Join(", ", database.shape)}].");
        return new RetrievalGridSource(q => queries[q], j => database[j], (int)queries.shape[0], (int)database.shape[0],
            rankedIds, relevance, queryLabels, databaseLabels, classNames);
    }

    /// <summary>Caption text for a class id: its name if known, else <c>class k</c>.</summary>
    internal string ClassText(int label) =>
        ClassNames is not null && label >= 0 && label < ClassNames.Count ? ClassNames[label] : $"class {label}";
}
