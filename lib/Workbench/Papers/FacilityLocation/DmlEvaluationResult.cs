using Workbench.Clustering;
using Workbench.Experiments;
using Workbench.Retrieval;
using Workbench.Training.Sessions;

namespace Workbench.Papers.FacilityLocation;

/// <summary>What <see cref="DmlEvaluation.Evaluate"/> gives.</summary>
/// <param name="Metrics"><c>NMI</c> (mean over k-means seeds) and <c>R@K</c> per cut-off, fractions in [0, 1].</param>
/// <param name="PerQuery">One row per test query: class, nearest neighbour and its class, rank of the first hit within the stored depth (empty when none), and a 0/1 hit per K.</param>
/// <param name="Clustering">Per-seed NMI, the k-means seeds, k and the normalisation.</param>
/// <param name="Ranking">The ranking of every test image against the others (depth = the largest K).</param>
public sealed record DmlEvaluationResult(IReadOnlyDictionary<string, double> Metrics, PerQueryTable PerQuery, ClusteringScore Clustering, RankingResult Ranking);
