using TorchSharp;
using Workbench.Losses.Distances;
using Workbench.Losses.Miners;
using static TorchSharp.torch;

namespace Workbench.Losses.MetricLearning.FacilityLocation;

/// <summary>
/// Facility-location clustering loss (Song, Jegelka, Rathod, Murphy, CVPR 2017), TF contrib
/// <c>cluster_loss</c> semantics (papers.md 3.1–3.2):
/// ℓ = max(0, max_{|S|=|Y|} { F(X, S) + γ(1 − NMI(g(S), y*)) } − F̃(X, y*)),
/// F(X, S) = −Σ_i min_{j∈S} D_ij, F̃ = Σ_k max_{j∈C_k} (−Σ_{i∈C_k} D_ij).
/// </summary>
/// <remarks>
/// <para>Defaults: Euclidean D (not squared; zero-safe root; zero diagonal) on embeddings the
/// caller has L2-normalised (the paper diverges without); NMI margin with geometric
/// normalisation; greedy + 5 PAM sweeps; γ from <see cref="Gamma"/> at <see cref="Step"/>.
/// The loss is a <b>sum</b> over the batch, not a mean. There is no pytorch-metric-learning
/// counterpart.</para>
/// <para>Inference runs on a float64 copy of D pulled to the CPU once per batch
/// (<see cref="FacilityLocationInference"/>). The gradient flows through the distances only —
/// each item to its assigned medoid in F(X, S) (including into the medoid's embedding) and to its
/// class medoid in F̃ — with S, the oracle medoids and the NMI held constant (paper eqs. 11–13);
/// when the hinge is inactive the gradient is zero.</para>
/// <para>Inputs: embeddings [m, d] float32/float64 (any device), labels [m] int. Output: 0-d
/// tensor. Non-finite distances give a NaN loss so the trainer's NaN guard stops the run.</para>
/// </remarks>
public sealed class FacilityLocationLoss : MetricLoss
{
    private readonly FacilityLocationInference _inference;

    /// <summary>Creates the loss.</summary>
    /// <param name="gamma">γ and its decay; default <see cref="GammaSchedule"/>() (γ₀ = 1, ×0.94 every 1 000 steps).</param>
    /// <param name="options">Inference settings; default TF contrib's (NMI, geometric, PAM with 5 sweeps).</param>
    /// <param name="distance">Default <see cref="EuclideanDistance"/>; must be a distance.</param>
    /// <exception cref="ArgumentException">A similarity, or invalid settings.</exception>
    public FacilityLocationLoss(GammaSchedule? gamma = null, FacilityLocationOptions? options = null, IPairwiseDistance? distance = null)
        : base(nameof(FacilityLocationLoss))
    {
        Gamma = gamma ?? new GammaSchedule();
        Gamma.Validate();
        _inference = new FacilityLocationInference(options);
        Distance = distance ?? new EuclideanDistance();
        if (Distance.IsSimilarity)
        {
            throw new ArgumentException($"The facility-location loss needs a distance, got the similarity '{Distance.Name}'.", nameof(distance));
        }
    }

    /// <summary>The geometry (non-squared Euclidean by default).</summary>
    public IPairwiseDistance Distance { get; }

    /// <summary>γ and its decay.</summary>
    public GammaSchedule Gamma { get; }

    /// <summary>Inference settings.</summary>
    public FacilityLocationOptions Options => _inference.Options;

    /// <summary>The optimiser step used to evaluate γ; the trainer sets it before each forward (0-based).</summary>
    public long Step { get; set; }

    /// <summary>γ at the current <see cref="Step"/>.</summary>
    public double CurrentGamma => Gamma.ValueAt(Step);

    /// <summary>Scores and medoids of the last forward; null before the first.</summary>
    public FacilityLocationBatchReport? LastBatch { get; private set; }

    /// <inheritdoc/>
    public override string Describe() =>
        $"facility-location(distance={Distance.Name}, margin={Options.MarginType.ToString().ToLowerInvariant()}, nmi={Options.Normalization.ToString().ToLowerInvariant()}, " +
        $"pam={(Options.EnablePam ? Options.PamSweeps : 0)}, gamma0={Gamma.Initial}, decay={Gamma.DecayRate}/{Gamma.DecaySteps})";

    /// <summary>The loss of one batch: <paramref name="embeddings"/> [m, d], <paramref name="labels"/> [m] → 0-d.</summary>
    public override Tensor forward(Tensor embeddings, Tensor labels)
    {
        CheckBatch(embeddings, labels);
        var matrix = Distance.Pairwise(embeddings);
        try
        {
            double[] d;
            using (var cpu = matrix.detach().to(ScalarType.Float64, torch.CPU))
            {
                d = cpu.data<double>().ToArray();
            }
            if (!Array.TrueForAll(d, double.IsFinite))
            {
                LastBatch = null;
                using var total = matrix.sum();
                return total.mul(double.NaN);
            }
            long[] y = LabelMasks.ToArray(labels);
            double gamma = CurrentGamma;
            var solution = _inference.Solve(d, y, gamma);
            var (oracleOfItem, oracleScore) = FacilityLocationOracle.Solve(d, y);

            int m = y.Length;
            var predictedMedoid = new long[m];
            var oracleMedoid = new long[m];
            for (int i = 0; i < m; i++)
            {
                predictedMedoid[i] = solution.Medoids[solution.Assignment[i]];
                oracleMedoid[i] = oracleOfItem[i];
            }
            using var predictedIndex = torch.tensor(predictedMedoid, device: embeddings.device).unsqueeze(0);
            using var oracleIndex = torch.tensor(oracleMedoid, device: embeddings.device).unsqueeze(1);
            using var toMedoid = matrix.gather(0, predictedIndex);   // D[s(i), i]
            using var toOracle = matrix.gather(1, oracleIndex);      // D[i, s*(i)]
            using var scorePredicted = toMedoid.sum().neg();
            using var scoreOracle = toOracle.sum().neg();
            double margin = gamma * (1.0 - solution.ClusteringScore);
            using var difference = scorePredicted - scoreOracle;
            using var augmented = difference.add(margin);
            double lossValue = Math.Max(0.0, solution.FacilityScore + margin - oracleScore);
            LastBatch = new FacilityLocationBatchReport(solution.FacilityScore, oracleScore, solution.ClusteringScore, gamma, lossValue, solution.Medoids, _inference.ClassCount);
            return augmented.relu();
        }
        finally
        {
            matrix.Dispose();
        }
    }
}
