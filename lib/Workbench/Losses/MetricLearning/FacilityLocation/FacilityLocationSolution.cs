namespace Workbench.Losses.MetricLearning.FacilityLocation;

/// <summary>
/// The result of loss-augmented inference on one batch (papers.md 3.2 steps 1–3).
/// </summary>
/// <param name="Medoids">S: item index of the medoid at each cluster position, length |Y|.</param>
/// <param name="Assignment">g(S): cluster position of every item (a medoid is assigned to itself), length m.</param>
/// <param name="FacilityScore">F(X, S) = −Σ_i min_{j∈S} D_ji (score_pred).</param>
/// <param name="ClusteringScore">NMI(g(S), y*) (or the const score) of the final medoids.</param>
/// <param name="Gamma">γ used for the margin.</param>
/// <param name="GreedyAugmentedScore">F + γ(1 − score) after the greedy stage, before PAM.</param>
public sealed record FacilityLocationSolution(
    int[] Medoids,
    int[] Assignment,
    double FacilityScore,
    double ClusteringScore,
    double Gamma,
    double GreedyAugmentedScore)
{
    /// <summary>The loss-augmented objective F(X, S) + γ(1 − score) that the inference maximises.</summary>
    public double AugmentedScore => FacilityScore + Gamma * (1.0 - ClusteringScore);
}
