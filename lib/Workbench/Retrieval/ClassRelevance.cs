namespace Workbench.Retrieval;

/// <summary>Single-label relevance: an item is relevant when its class id equals the query's.</summary>
internal sealed class ClassRelevance : Relevance
{
    private readonly int[] _query;
    private readonly int[] _database;
    private readonly Dictionary<int, int> _classSizes = new();

    public ClassRelevance(int[] queryClasses, int[] databaseClasses)
    {
        ArgumentNullException.ThrowIfNull(queryClasses);
        ArgumentNullException.ThrowIfNull(databaseClasses);
        _query = (int[])queryClasses.Clone();
        _database = (int[])databaseClasses.Clone();
        foreach (int c in _database) _classSizes[c] = _classSizes.GetValueOrDefault(c) + 1;
    }

    public override int QueryCount => _query.Length;

    public override int DatabaseCount => _database.Length;

    public override bool IsRelevant(int query, int item) => _query[query] == _database[item];

    public override int CountRelevant(int query) => _classSizes.GetValueOrDefault(_query[query]);
}
