using Workbench.Experiments;
using Workbench.Metrics;
using Workbench.Retrieval;
using Workbench.Training.Sessions;
using PerQueryTable = Workbench.Training.Sessions.PerQueryTable;

namespace Workbench.Papers.Spq.Evaluation;

/// <summary>The retrieval metrics of one SPQ evaluation (or of a baseline), with per-query rows.</summary>
/// <param name="Metrics">Metric name → value: <c>mAP@K</c> and, when computed, <c>mAP@all</c>.</param>
/// <param name="PerQuery">One row per query (<see cref="PerQueryTable.ForRankings"/>: ranking columns, then the per-query AP@K and AP@all).</param>
/// <param name="Ranking">The top-K ranking every query got (ids, distances, relevance), for retrieval grids.</param>
/// <param name="MapAtK">mAP@K with its per-query AP values.</param>
/// <param name="MapAll">mAP@all with its per-query AP values, or null when not computed.</param>
public sealed record RetrievalEvaluation(
    IReadOnlyDictionary<string, double> Metrics, PerQueryTable PerQuery, RankingResult Ranking, MetricValue MapAtK, MetricValue? MapAll);
