namespace Workbench.Reporting.Charts;

/// <summary>Counts co-occurrences of two labelings (contingency / confusion counts).</summary>
public static class Contingency
{
    /// <summary>
    /// <c>counts[r, c]</c> = number of items i with <c>rowLabels[i] == rowIds[r]</c> and
    /// <c>colLabels[i] == colIds[c]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, or a label is not among the given ids.</exception>
    public static double[,] Count(IReadOnlyList<int> rowLabels, IReadOnlyList<int> colLabels, IReadOnlyList<int> rowIds, IReadOnlyList<int> colIds)
    {
        if (rowLabels.Count != colLabels.Count)
            throw new ArgumentException($"{rowLabels.Count} row labels and {colLabels.Count} column labels; give one of each per item.");
        var rowIndex = Index(rowIds);
        var colIndex = Index(colIds);
        var counts = new double[rowIds.Count, colIds.Count];
        for (int i = 0; i < rowLabels.Count; i++)
        {
            if (!rowIndex.TryGetValue(rowLabels[i], out int r)) throw new ArgumentException($"row label {rowLabels[i]} (item {i}) is not among the row ids.");
            if (!colIndex.TryGetValue(colLabels[i], out int c)) throw new ArgumentException($"column label {colLabels[i]} (item {i}) is not among the column ids.");
            counts[r, c]++;
        }
        return counts;
    }

    private static Dictionary<int, int> Index(IReadOnlyList<int> ids)
    {
        var map = new Dictionary<int, int>();
        for (int i = 0; i < ids.Count; i++)
        {
            if (!map.TryAdd(ids[i], i)) throw new ArgumentException($"id {ids[i]} is listed twice.");
        }
        return map;
    }
}
