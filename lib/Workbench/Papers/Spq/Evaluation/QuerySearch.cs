using Workbench.Retrieval;

namespace Workbench.Papers.Spq.Evaluation;

/// <summary>
/// Ranks the queries numbered <paramref name="queries"/> against the whole database, keeping the best
/// <paramref name="depth"/> items of each; row i of the returned hits belongs to <c>queries[i]</c>.
/// Implemented by a PQ index (asymmetric distance, <see cref="SpqIndexing.Searcher"/>) or a Hamming
/// ranking of binary codes (<see cref="Baselines.HammingRanking.Searcher"/>).
/// </summary>
/// <param name="queries">Query numbers, in the order the hits should follow.</param>
/// <param name="depth">Ranked positions to keep per query (the database size gives a complete ranking).</param>
public delegate SearchHits QuerySearch(int[] queries, int depth);
