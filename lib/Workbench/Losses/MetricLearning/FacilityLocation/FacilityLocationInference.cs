using Workbench.Clustering;

namespace Workbench.Losses.MetricLearning.FacilityLocation;

/// <summary>
/// Loss-augmented inference of the facility-location loss exactly as TF contrib's
/// <c>cluster_loss</c> (papers.md 3.2), on a CPU distance matrix: greedy selection of |Y|
/// medoids maximising F(X, S ∪ {c}) + γ(1 − NMI(g(S ∪ {c}), y*)) over partial clusterings, then
/// PAM sweeps. A reusable workspace: buffers are kept between batches; not thread-safe.
/// </summary>
/// <remarks>
/// <para>Conventions of the reference: D[s·m + i] is the distance from medoid s to item i (rows are
/// medoids, TF's <c>gather(D, chosen)</c>); cluster ids are positions in the medoid list; an item
/// goes to the nearest medoid, the earliest position on ties, and a medoid always to itself.
/// Candidates are scanned in ascending index order and the first best wins.</para>
/// <para>PAM sweep: memberships are computed once at the start of the sweep; for t = 0…|Y|−1 every
/// member j of cluster t is scored by −Σ_{i∈C_t} D_ij + γ(1 − NMI(g(S with s_t := j), y*)), where
/// the NMI sees the medoids replaced earlier in the same sweep, and s_t becomes the best j.</para>
/// <para>Cost: O(|Y|·m²) distance reads for greedy, O(m²) per PAM sweep plus one contingency
/// evaluation per candidate; items whose assignment a candidate changes are moved in integer
/// counts and moved back (see bench/results/losses.md).</para>
/// </remarks>
public sealed partial class FacilityLocationInference
{
    private readonly ClusterContingency _table = new();
    private double[] _d = [];
    private int _m;
    private int _classes;
    private double _gamma;
    private int[] _classOf = [];
    private int[] _medoids = [];
    private int _count;
    private int[] _medoidPosition = [];
    private int[] _assign = [];
    private double[] _minDistance = [];
    private int[] _moved = [];
    private int[] _targets = [];
    private int[] _undo = [];
    private int[] _near1 = [];
    private int[] _near2 = [];
    private double[] _dist1 = [];
    private double[] _dist2 = [];
    private int[] _memberStart = [];
    private int[] _members = [];
    private double[] _scores = [];

    /// <summary>Creates a workspace with the given <paramref name="options"/> (default: TF contrib's).</summary>
    public FacilityLocationInference(FacilityLocationOptions? options = null)
    {
        Options = options ?? new FacilityLocationOptions();
        Options.Validate();
    }

    /// <summary>The inference settings.</summary>
    public FacilityLocationOptions Options { get; }

    /// <summary>Current medoids S (item indices by cluster position).</summary>
    public ReadOnlySpan<int> Medoids => _medoids.AsSpan(0, _count);

    /// <summary>Current assignment g(S) (cluster position per item; −1 before any medoid).</summary>
    public ReadOnlySpan<int> Assignment => _assign.AsSpan(0, _m);

    /// <summary>F(X, S) = −Σ_i min_{j∈S} D_ji of the current medoids.</summary>
    public double FacilityScore
    {
        get
        {
            double sum = 0;
            for (int i = 0; i < _m; i++) sum += _minDistance[i];
            return -sum;
        }
    }

    /// <summary>Clustering score (NMI or const) of the current assignment against the labels.</summary>
    public double ClusteringScore => _table.Score(Options.MarginType, Options.Normalization, _count);

    /// <summary>F(X, S) + γ(1 − score): the loss-augmented objective of the current medoids.</summary>
    public double AugmentedScore => FacilityScore + _gamma * (1.0 - ClusteringScore);

    /// <summary>Number of distinct labels |Y| (the number of medoids the inference picks).</summary>
    public int ClassCount => _classes;

    /// <summary>Greedy, then <see cref="FacilityLocationOptions.PamSweeps"/> PAM sweeps when enabled.</summary>
    /// <param name="distances">Row-major [m, m] distances with a zero diagonal (float64).</param>
    /// <param name="labels">[m] class labels (any integer ids).</param>
    /// <param name="gamma">γ ≥ 0.</param>
    public FacilityLocationSolution Solve(ReadOnlySpan<double> distances, ReadOnlySpan<long> labels, double gamma)
    {
        Load(distances, labels, gamma);
        RunGreedy();
        double greedy = AugmentedScore;
        if (Options.EnablePam)
        {
            for (int sweep = 0; sweep < Options.PamSweeps; sweep++) RunPamSweep();
        }
        return new FacilityLocationSolution(Medoids.ToArray(), Assignment.ToArray(), FacilityScore, ClusteringScore, _gamma, greedy);
    }

    /// <summary>Loads a batch and clears the medoids. Labels are relabelled 0…|Y|−1 in order of first appearance.</summary>
    /// <exception cref="ArgumentException">Size mismatch, an empty batch, a non-finite or negative distance, a non-zero diagonal, or γ &lt; 0.</exception>
    public void Load(ReadOnlySpan<double> distances, ReadOnlySpan<long> labels, double gamma)
    {
        int m = labels.Length;
        if (m == 0) throw new ArgumentException("The batch is empty.", nameof(labels));
        if (distances.Length != (long)m * m)
        {
            throw new ArgumentException($"The distance matrix has {distances.Length} entries; {m} labels need {m}x{m} = {(long)m * m}.", nameof(distances));
        }
        if (!(gamma >= 0) || double.IsInfinity(gamma)) throw new ArgumentException($"γ must be finite and ≥ 0, got {gamma}.", nameof(gamma));
        for (int k = 0; k < distances.Length; k++)
        {
            double v = distances[k];
            if (!(v >= 0) || double.IsInfinity(v))
            {
                throw new ArgumentException($"Distance D[{k / m}, {k % m}] = {v}: distances must be finite and ≥ 0 (did the embeddings diverge?).", nameof(distances));
            }
        }
        for (int i = 0; i < m; i++)
        {
            if (distances[i * m + i] != 0) throw new ArgumentException($"D[{i}, {i}] = {distances[i * m + i]}: the diagonal must be exactly 0.", nameof(distances));
        }
        _m = m;
        _gamma = gamma;
        Allocate(m);
        distances.CopyTo(_d);
        var ids = new Dictionary<long, int>();
        for (int i = 0; i < m; i++)
        {
            if (!ids.TryGetValue(labels[i], out int id))
            {
                id = ids.Count;
                ids[labels[i]] = id;
            }
            _classOf[i] = id;
        }
        _classes = ids.Count;
        _table.Reset(_classOf.AsSpan(0, m), labels, _classes);
        ClearMedoids();
    }

    private void ClearMedoids()
    {
        _count = 0;
        _medoidPosition.AsSpan(0, _m).Fill(-1);
        _assign.AsSpan(0, _m).Fill(-1);
        _minDistance.AsSpan(0, _m).Fill(double.PositiveInfinity);
        for (int i = 0; i < _m; i++) _table.Move(i, -1);
    }

    private void Allocate(int m)
    {
        if (_d.Length < m * m) _d = new double[m * m];
        if (_classOf.Length >= m) return;
        _classOf = new int[m];
        _medoidPosition = new int[m];
        _assign = new int[m];
        _minDistance = new double[m];
        _moved = new int[m];
        _targets = new int[m];
        _undo = new int[m];
        _near1 = new int[m];
        _near2 = new int[m];
        _dist1 = new double[m];
        _dist2 = new double[m];
        _members = new int[m];
        _medoids = new int[m];
        _scores = new double[m];
        _memberStart = new int[m + 1];
    }
}
