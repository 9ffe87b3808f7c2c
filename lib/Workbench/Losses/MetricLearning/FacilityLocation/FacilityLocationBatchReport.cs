namespace Workbench.Losses.MetricLearning.FacilityLocation;

/// <summary>
/// What the facility-location loss saw on its last batch (TF contrib logs score_pred, the
/// clustering score and score_gt as summaries): all in float64, computed on the CPU matrix.
/// </summary>
/// <param name="ScorePredicted">F(X, S) of the inferred medoids (score_pred).</param>
/// <param name="ScoreOracle">F̃(X, y*) (score_gt).</param>
/// <param name="ClusteringScore">NMI (or const score) of g(S) against the labels.</param>
/// <param name="Gamma">γ at this step.</param>
/// <param name="Loss">max(0, F + γ(1 − score) − F̃).</param>
/// <param name="Medoids">S by cluster position.</param>
/// <param name="ClassCount">|Y|, distinct labels in the batch.</param>
public sealed record FacilityLocationBatchReport(
    double ScorePredicted,
    double ScoreOracle,
    double ClusteringScore,
    double Gamma,
    double Loss,
    int[] Medoids,
    int ClassCount);
