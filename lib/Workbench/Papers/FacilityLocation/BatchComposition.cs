using System.Globalization;
using Workbench.Data.Samplers;
using Workbench.Training.Validation;

namespace Workbench.Papers.FacilityLocation;

/// <summary>
/// The batch composition of the facility-location paper (papers.md 3.4): instead of tuples, each
/// batch of m images holds C = round((C/m)·m) distinct classes with the m images spread as evenly
/// as possible (<see cref="ClassBalancedBatchSampler"/>). C/m = 0.25 gives m/4 classes x 4 images,
/// 0.5 gives two per class, 0.75 gives a mix of two and one (the paper's SOP setting). N-pairs
/// needs exactly two images per class, so it runs at C/m = 0.5 with an even m.
/// </summary>
public static class BatchComposition
{
    /// <summary>C for a ratio and batch size, rounded as the sampler rounds it (to even on .5).</summary>
    public static int ClassesPerBatch(double ratio, int batchSize) => Math.Max(1, (int)Math.Round(ratio * batchSize));

    /// <summary>
    /// Adds every problem of a (loss, C/m, m) choice to <paramref name="errors"/>: C/m outside (0, 1),
    /// fewer than two classes (no negatives), no class with two images (no positive pair), N-pairs
    /// without exactly two images per class, or more classes per batch than the training split has.
    /// </summary>
    /// <param name="loss">Loss name.</param>
    /// <param name="ratio">C/m.</param>
    /// <param name="batchSize">m.</param>
    /// <param name="trainClasses">Classes of the training split when known before loading, else null.</param>
    /// <param name="errors">Receives errors under <c>ratio</c> and <c>batchSize</c>.</param>
    public static void Validate(string loss, double ratio, int batchSize, int? trainClasses, ConfigErrors errors)
    {
        string r = ratio.ToString(CultureInfo.InvariantCulture);
        if (batchSize < 2)
        {
            errors.Add("batchSize", $"must be at least 2 (got {batchSize}).");
            return;
        }
        if (!(ratio > 0 && ratio < 1))
        {
            errors.Add("ratio", $"C/m must be in (0, 1), e.g. 0.25, 0.5 or 0.75 (got {r}); at 1 every image is its own class and no batch has a positive pair.");
            return;
        }
        int c = ClassesPerBatch(ratio, batchSize);
        if (DmlLosses.IsNPair(loss))
        {
            if (batchSize % 2 != 0 || c * 2 != batchSize)
            {
                errors.Add("ratio", $"npair-mc needs exactly two images per class: use C/m = 0.5 with an even batch size (got C/m = {r}, m = {batchSize} → {c} classes).");
                return;
            }
        }
        else if (c >= batchSize)
        {
            errors.Add("ratio", $"C/m = {r} with m = {batchSize} gives C = {c} classes, which leaves fewer than 2 images per class: no batch has a positive pair. Lower C/m or raise the batch size.");
            return;
        }
        if (c < 2)
        {
            errors.Add("ratio", $"C/m = {r} with m = {batchSize} gives C = {c} class per batch; the losses need at least 2 classes (negatives). Raise C/m or the batch size.");
            return;
        }
        if (trainClasses is int k && c > k)
        {
            errors.Add("ratio", $"C/m = {r} with m = {batchSize} needs C = {c} distinct classes per batch, but the training split has only {k}. Lower the batch size (m ≤ {(int)Math.Floor(k / ratio)}) or C/m.");
        }
    }

    /// <summary>The sampler for one run: m images per batch, C = round((C/m)·m) classes; N-pairs draws exactly two per class.</summary>
    /// <param name="labels">Class id per training image.</param>
    /// <param name="loss">Loss name.</param>
    /// <param name="ratio">C/m.</param>
    /// <param name="batchSize">m.</param>
    /// <param name="seed">Sampler seed (epoch e uses a stream derived from it).</param>
    /// <exception cref="ArgumentException">An invalid composition, or too few classes with enough images (the message says what to change).</exception>
    public static ClassBalancedBatchSampler CreateSampler(IReadOnlyList<long> labels, string loss, double ratio, int batchSize, long seed)
    {
        var errors = new ConfigErrors();
        Validate(loss, ratio, batchSize, labels.Distinct().Count(), errors);
        if (errors.Errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.Errors.Select(e => e.ToString())));
        return new ClassBalancedBatchSampler(labels, batchSize, ratio, seed);
    }
}
