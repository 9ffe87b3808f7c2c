using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Papers.Ucdir;

/// <summary>
/// The seed variant's per-domain centroids c_j (K × D), kept outside autograd and updated from soft
/// assignments p_ij = softmax_j(cos(z_i, c_j)/τ) by the assignment-weighted batch mean
/// m_j = Σ_i p_ij z_i / Σ_i p_ij, folded in as chosen by <see cref="CentroidUpdate"/>.
/// </summary>
/// <remarks>
/// Seed choices (the seed gives only m_j): by default the centroids are replaced by m_j
/// (<see cref="CentroidUpdate.BatchMean"/>); they are re-normalised to unit L2 norm after every update
/// (<see cref="Normalize"/>, so cosine assignments are unchanged and Euclidean centroid distances live on
/// the unit sphere like the features); a cluster whose batch mass Σ_i p_ij is below <see cref="MinMass"/>
/// keeps its centroid. Initial centroids come from the caller (k-means on the first epoch's features is
/// the recommended choice, papers.md 1.10) or from <see cref="FromSamples"/>.
/// </remarks>
public sealed class CentroidStore : IDisposable
{
    private Tensor _centroids;
    private Tensor _mass;

    /// <summary>Creates a store holding a detached copy of <paramref name="initial"/> <c>[K, D]</c> (normalised when <paramref name="normalize"/>).</summary>
    /// <param name="initial">Initial centroids <c>[K, D]</c>, float32/float64, on the device the store will use.</param>
    /// <param name="update">Update rule (default <see cref="CentroidUpdate.BatchMean"/>).</param>
    /// <param name="momentum">μ for <see cref="CentroidUpdate.Ema"/>, in [0, 1) (default 0.9).</param>
    /// <param name="normalize">Re-normalise centroids to unit L2 norm after each update (default true).</param>
    /// <param name="minMass">Clusters with Σ_i p_ij below this keep their centroid (default 1e-6).</param>
    public CentroidStore(Tensor initial, CentroidUpdate update = CentroidUpdate.BatchMean, double momentum = 0.9, bool normalize = true, double minMass = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(initial);
        if (initial.dim() != 2 || initial.shape[0] < 1 || initial.shape[1] < 1)
            throw new ArgumentException($"Centroids must be [K, D] with K, D ≥ 1; got [{string.Join(", ", initial.shape)}].", nameof(initial));
        if (!initial.is_floating_point()) throw new ArgumentException($"Centroids must be floating point; got {initial.dtype}.", nameof(initial));
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentException($"EMA momentum must be in [0, 1); got {momentum}.", nameof(momentum));
        if (!(minMass >= 0)) throw new ArgumentException($"minMass must be ≥ 0; got {minMass}.", nameof(minMass));
        Update = update;
        Momentum = momentum;
        Normalize = normalize;
        MinMass = minMass;
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            var c = initial.detach().clone();
            _centroids = (normalize ? nn.functional.normalize(c, 2, 1) : c).DetachFromDisposeScope();
            _mass = zeros(initial.shape[0], dtype: initial.dtype, device: initial.device).DetachFromDisposeScope();
        }
    }

    /// <summary>K distinct rows of <paramref name="z"/> <c>[N, D]</c> drawn with <paramref name="generator"/> as initial centroids.</summary>
    public static CentroidStore FromSamples(Tensor z, int k, Generator generator, CentroidUpdate update = CentroidUpdate.BatchMean, double momentum = 0.9, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(z);
        if (z.dim() != 2 || z.shape[0] < k || k < 1)
            throw new ArgumentException($"Need at least K = {k} rows to draw centroids from; got shape [{string.Join(", ", z.shape)}].", nameof(z));
        using var scope = NewDisposeScope();
        var rows = randperm(z.shape[0], generator: generator)[..k].to(z.device);
        return new CentroidStore(z.detach().index_select(0, rows), update, momentum, normalize);
    }

    /// <summary>Centroids c <c>[K, D]</c> (no gradient; replaced, not mutated, by each update).</summary>
    public Tensor Centroids => _centroids;

    /// <summary>Accumulated mass W_j <c>[K]</c> of <see cref="CentroidUpdate.RunningMean"/> since the last reset.</summary>
    public Tensor Mass => _mass;

    /// <summary>Number of centroids K.</summary>
    public int Count => (int)_centroids.shape[0];

    /// <summary>Feature dimension D.</summary>
    public int Dimension => (int)_centroids.shape[1];

    /// <summary>The update rule.</summary>
    public CentroidUpdate Update { get; }

    /// <summary>EMA momentum μ (used by <see cref="CentroidUpdate.Ema"/>).</summary>
    public double Momentum { get; }

    /// <summary>Whether centroids are kept at unit L2 norm.</summary>
    public bool Normalize { get; }

    /// <summary>Minimum batch mass for a cluster to be updated.</summary>
    public double MinMass { get; }

    /// <summary>Number of <see cref="Apply"/> calls so far.</summary>
    public long Updates { get; private set; }

    /// <summary>
    /// Assignment-weighted batch means m_j = Σ_i p_ij z_i / Σ_i p_ij <c>[K, D]</c> and masses w_j = Σ_i p_ij <c>[K]</c>.
    /// Differentiable in both <paramref name="z"/> <c>[n, D]</c> and <paramref name="p"/> <c>[n, K]</c>.
    /// </summary>
    public static (Tensor Means, Tensor Mass) WeightedBatchMean(Tensor z, Tensor p)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(p);
        if (z.dim() != 2 || p.dim() != 2 || z.shape[0] != p.shape[0])
            throw new ArgumentException($"Weighted means need z [n, D] and p [n, K] with the same n; got [{string.Join(", ", z.shape)}] and [{string.Join(", ", p.shape)}].");
        var mass = p.sum(0L);  // 0L: a literal 0 would bind to sum(ScalarType) and give a Byte total
        var means = p.t().matmul(z) / mass.clamp_min(1e-30).unsqueeze(1);
        return (means, mass);
    }

    /// <summary>
    /// The centroids this store would hold after folding in <paramref name="means"/> <c>[K, D]</c> with batch masses <paramref name="mass"/> <c>[K]</c>,
    /// computed with gradient through <paramref name="means"/> (the stored centroids and masses are constants). Does not change the store.
    /// </summary>
    public Tensor Blend(Tensor means, Tensor mass)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(mass);
        if (means.dim() != 2 || means.shape[0] != Count || means.shape[1] != Dimension || mass.dim() != 1 || mass.shape[0] != Count)
            throw new ArgumentException($"Expected means [{Count}, {Dimension}] and mass [{Count}]; got [{string.Join(", ", means.shape)}] and [{string.Join(", ", mass.shape)}].");
        using var scope = NewDisposeScope();
        var w = mass.detach().to(_centroids.dtype).unsqueeze(1);
        var m = means.to(_centroids.dtype);
        var blended = Update switch
        {
            CentroidUpdate.BatchMean => m,
            CentroidUpdate.Ema => _centroids * Momentum + m * (1 - Momentum),
            CentroidUpdate.RunningMean => (_centroids * _mass.unsqueeze(1) + m * w) / (_mass.unsqueeze(1) + w).clamp_min(1e-30),
            _ => throw new InvalidOperationException($"Unknown centroid update {Update}."),
        };
        if (Normalize) blended = nn.functional.normalize(blended, 2, 1);
        var keep = w.lt(MinMass);
        return where(keep, _centroids, blended).MoveToOuterDisposeScope();
    }

    /// <summary>Folds the batch in (see <see cref="Blend"/>), detached; advances the running mass.</summary>
    public void Apply(Tensor means, Tensor mass)
    {
        using var grad = no_grad();
        using var scope = NewDisposeScope();
        var next = Blend(means.detach(), mass.detach());
        var w = mass.detach().to(_centroids.dtype);
        var nextMass = _mass + where(w.lt(MinMass), zeros_like(w), w);
        _centroids.Dispose();
        _mass.Dispose();
        _centroids = next.DetachFromDisposeScope();
        _mass = nextMass.DetachFromDisposeScope();
        Updates++;
    }

    /// <summary>Starts a new running mean (e.g. every epoch): W_j ← 0.</summary>
    public void ResetMass()
    {
        var z = zeros_like(_mass).DetachFromDisposeScope();
        _mass.Dispose();
        _mass = z;
    }

    /// <summary>Replaces the centroids (e.g. by k-means at the start of an epoch); resets the running mass.</summary>
    public void Reset(Tensor centroids)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        if (centroids.dim() != 2 || centroids.shape[0] != Count || centroids.shape[1] != Dimension)
            throw new ArgumentException($"Expected centroids [{Count}, {Dimension}]; got [{string.Join(", ", centroids.shape)}].", nameof(centroids));
        using var grad = no_grad();
        using var scope = NewDisposeScope();
        var c = centroids.detach().to(_centroids.dtype, _centroids.device).clone();
        var next = (Normalize ? nn.functional.normalize(c, 2, 1) : c).DetachFromDisposeScope();
        _centroids.Dispose();
        _centroids = next;
        ResetMass();
    }

    /// <summary>Disposes the stored tensors.</summary>
    public void Dispose()
    {
        _centroids.Dispose();
        _mass.Dispose();
    }
}
