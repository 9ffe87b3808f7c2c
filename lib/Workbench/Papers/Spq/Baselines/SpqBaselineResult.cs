using Workbench.Papers.Spq.Evaluation;

namespace Workbench.Papers.Spq.Baselines;

/// <summary>What a baseline run measured.</summary>
/// <param name="Evaluation">Metrics and per-query rows.</param>
/// <param name="FitSeconds">Loading the pixels and fitting (k-means, PCA, hyperplanes).</param>
/// <param name="EvaluationSeconds">Encoding the database and queries, searching, metrics.</param>
public sealed record SpqBaselineResult(RetrievalEvaluation Evaluation, double FitSeconds, double EvaluationSeconds);
