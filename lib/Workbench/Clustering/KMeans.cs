using TorchSharp;
using Workbench.Runtime;
using static TorchSharp.torch;

namespace Workbench.Clustering;

/// <summary>
/// Lloyd's k-means on tensors: minimises the inertia Σᵢ ‖xᵢ − c_{a(i)}‖² over assignments a and
/// centroids c. Distances are computed in chunks of <c>[rows, k]</c> as ‖x‖² − 2x·c + ‖c‖² on the
/// chosen device; every random choice comes from a per-restart seed, so the same seed gives the same
/// clustering, and near-ties (<see cref="NearTies"/>) go to the lowest centroid, trial or point index. An empty cluster is re-seeded with the point farthest from its centroid (scikit-learn's rule).
/// </summary>
public static class KMeans
{
    /// <summary>Clusters <paramref name="x"/> and keeps the restart with the lowest inertia.</summary>
    /// <param name="x"><c>[N, D]</c> float32 or float64 points (not modified).</param>
    /// <param name="options">k, initialisation, restarts, iterations, tolerance, seed, device.</param>
    /// <exception cref="ArgumentException">Bad shape, dtype, non-finite values or options.</exception>
    public static KMeansResult Fit(Tensor x, KMeansOptions options)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(options);
        if (x.dim() != 2) throw new ArgumentException($"k-means expects points as [N, D], got shape [{string.Join(", ", x.shape)}].", nameof(x));
        if (x.dtype is not (ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentException($"k-means expects float32 or float64 points, got {x.dtype}.", nameof(x));
        options.Validate(x.shape[0]);
        Device device = options.Device ?? x.device;

        using var outer = NewDisposeScope();
        Tensor data = x.to(device).contiguous();
        if (!isfinite(data).all().item<bool>())
            throw new ArgumentException("k-means input contains NaN or infinite values.", nameof(x));
        Tensor pointSq = data.pow(2).sum(1);
        double tolerance = options.Tolerance * data.to(ScalarType.Float64).var(0, unbiased: false).mean().item<double>();

        var seeds = new long[options.Restarts];
        var inertias = new double[options.Restarts];
        Run? best = null;
        for (int r = 0; r < options.Restarts; r++)
        {
            seeds[r] = Seeding.Derive($"kmeans/{r}", options.Seed);
            Run run = RunOnce(data, pointSq, options, seeds[r], tolerance);
            inertias[r] = run.Inertia;
            if (best is null || run.Inertia < best.Inertia)
            {
                best?.Centroids.Dispose();
                best = run with { Restart = r };
            }
            else
            {
                run.Centroids.Dispose();
            }
        }
        Tensor centroids = best!.Centroids.MoveToOuterDisposeScope();
        return new KMeansResult(centroids, best.Labels, best.Inertia, best.Iterations, best.Converged, best.Restart, seeds, inertias);
    }

    /// <summary>Nearest centroid of every point: indices <c>[N]</c> int64 and squared distances <c>[N]</c> (data dtype).</summary>
    /// <param name="x"><c>[N, D]</c> points.</param>
    /// <param name="centroids"><c>[k, D]</c> centroids on the same device and dtype.</param>
    /// <param name="chunkBytes">Budget for one chunk's <c>[rows, k]</c> distance matrix.</param>
    public static (Tensor Labels, Tensor SquaredDistances) Assign(Tensor x, Tensor centroids, long chunkBytes = 64L << 20)
    {
        using var scope = NewDisposeScope();
        var (labels, dist) = AssignCore(x, x.pow(2).sum(1), centroids, chunkBytes);
        return (labels.MoveToOuterDisposeScope(), dist.MoveToOuterDisposeScope());
    }

    private sealed record Run(Tensor Centroids, long[] Labels, double Inertia, int Iterations, bool Converged, int Restart);

    private static Run RunOnce(Tensor data, Tensor pointSq, KMeansOptions o, long seed, double tolerance)
    {
        using var scope = NewDisposeScope();
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        Tensor centroids = o.Init == KMeansInit.Random
            ? InitRandom(data, o.Clusters, random)
            : InitPlusPlus(data, pointSq, o.Clusters, o.LocalTrials ?? 2 + (int)Math.Log(o.Clusters), random, o.ChunkBytes);

        Tensor? previous = null;
        int iteration = 0;
        bool converged = false;
        while (iteration < o.MaxIterations)
        {
            iteration++;
            using var step = NewDisposeScope();
            var (labels, dist) = AssignCore(data, pointSq, centroids, o.ChunkBytes);
            if (previous is not null && labels.eq(previous).all().item<bool>())
            {
                converged = true; // assignments are stable: the centroids are already their means
                break;
            }
            Tensor updated = Update(data, labels, dist, o.Clusters);
            double shift = updated.sub(centroids).pow(2).sum().to(ScalarType.Float64).item<double>();
            centroids = updated.MoveToOuterDisposeScope();
            previous?.Dispose();
            previous = labels.MoveToOuterDisposeScope();
            if (shift <= tolerance)
            {
                converged = true;
                break;
            }
        }

        var (final, finalDist) = AssignCore(data, pointSq, centroids, o.ChunkBytes);
        double inertia = finalDist.to(ScalarType.Float64).sum().item<double>();
        long[] assignment = final.cpu().data<long>().ToArray();
        return new Run(centroids.MoveToOuterDisposeScope(), assignment, inertia, iteration, converged, 0);
    }

    internal static (Tensor Labels, Tensor SquaredDistances) AssignCore(Tensor x, Tensor pointSq, Tensor centroids, long chunkBytes)
    {
        long n = x.shape[0], k = centroids.shape[0];
        int elementBytes = x.dtype == ScalarType.Float64 ? 8 : 4;
        long rows = Math.Clamp(chunkBytes / (k * elementBytes), 1, Math.Max(n, 1));
        Tensor centroidSq = centroids.pow(2).sum(1).unsqueeze(0);
        Tensor centroidsT = centroids.t();
        var labelParts = new List<Tensor>();
        var distParts = new List<Tensor>();
        for (long start = 0; start < n; start += rows)
        {
            long count = Math.Min(rows, n - start);
            // ‖c‖² − 2 x·c, then add ‖x‖²: the argmin does not need the per-point constant. Near-ties
            // (relative to ‖x‖² + |min|, the size of the terms) go to the lowest centroid index.
            Tensor partial = addmm(centroidSq, x.narrow(0, start, count), centroidsT, beta: 1, alpha: -2);
            Tensor rowSq = pointSq.narrow(0, start, count);
            var (min, arg) = NearTies.RowMin(partial, rowSq);
            labelParts.Add(arg);
            distParts.Add(min.add_(rowSq).clamp_min_(0));
        }
        return labelParts.Count == 1 ? (labelParts[0], distParts[0]) : (cat(labelParts, 0), cat(distParts, 0));
    }

    private static Tensor Update(Tensor data, Tensor labels, Tensor dist, int k)
    {
        Tensor sums = zeros(k, data.shape[1], data.dtype, data.device).index_add_(0, labels, data, 1);
        Tensor counts = bincount(labels, minlength: k).to(data.dtype);
        Tensor empty = counts.eq(0);
        long emptyCount = empty.sum().item<long>();
        Tensor means = sums.div(counts.clamp_min(1).unsqueeze(1));
        if (emptyCount > 0)
        {
            // Re-seed empty clusters with the points farthest from their current centroid.
            // Farthest first, equal distances by lowest point index (a stable sort, unlike topk).
            Tensor far = dist.sort(dim: 0, descending: true, stable: true).Indices.narrow(0, 0, emptyCount);
            Tensor emptyIds = empty.nonzero().flatten();
            means.index_copy_(0, emptyIds, data.index_select(0, far));
        }
        return means;
    }

    private static Tensor InitRandom(Tensor data, int k, Random random)
    {
        int n = (int)data.shape[0];
        var pick = new long[k];
        var chosen = new Dictionary<int, int>();
        for (int i = 0; i < k; i++)
        {
            // Partial Fisher-Yates over a virtual permutation: k distinct indices in O(k).
            int j = random.Next(i, n);
            int vj = chosen.TryGetValue(j, out var a) ? a : j;
            int vi = chosen.TryGetValue(i, out var b) ? b : i;
            chosen[j] = vi;
            pick[i] = vj;
        }
        return data.index_select(0, tensor(pick, device: data.device)).clone();
    }

    private static Tensor InitPlusPlus(Tensor data, Tensor pointSq, int k, int trials, Random random, long chunkBytes)
    {
        long n = data.shape[0];
        var centers = new long[k];
        centers[0] = random.NextInt64(n);
        Tensor closest = SquaredDistancesTo(data, pointSq, data.narrow(0, centers[0], 1), chunkBytes).squeeze(0).to(ScalarType.Float64);
        for (int c = 1; c < k; c++)
        {
            using var step = NewDisposeScope();
            Tensor cumulative = closest.cumsum(0);
            double potential = cumulative[-1].item<double>();
            var draws = new double[trials];
            for (int t = 0; t < trials; t++) draws[t] = random.NextDouble() * potential;
            Tensor candidates = searchsorted(cumulative, tensor(draws, device: data.device)).clamp_max_(n - 1);
            Tensor toCandidates = SquaredDistancesTo(data, pointSq, data.index_select(0, candidates), chunkBytes).to(ScalarType.Float64);
            Tensor updated = minimum(closest.unsqueeze(0), toCandidates);
            long bestTrial = NearTies.FirstMin(updated.sum(1).cpu().data<double>().ToArray());
            centers[c] = candidates[bestTrial].item<long>();
            closest.copy_(updated[bestTrial]);
        }
        return data.index_select(0, tensor(centers, device: data.device)).clone();
    }

    /// <summary><c>[m, N]</c> squared distances from <paramref name="points"/> (<c>[m, D]</c>) to every data point.</summary>
    private static Tensor SquaredDistancesTo(Tensor data, Tensor pointSq, Tensor points, long chunkBytes)
    {
        Tensor pSq = points.pow(2).sum(1, keepdim: true);
        return addmm(pSq, points, data.t(), beta: 1, alpha: -2).add_(pointSq.unsqueeze(0)).clamp_min_(0);
    }
}
