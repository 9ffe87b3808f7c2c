namespace Workbench.Data;

/// <summary>Consistency checks shared by the dataset implementations.</summary>
internal static class DatasetChecks
{
    /// <summary>Checks label/domain counts and ranges; throws <see cref="ArgumentException"/> naming the dataset.</summary>
    public static void Validate(IImageDataset d, int n)
    {
        if (d.Labels.Count != n) throw new ArgumentException($"{d.Name}: {d.Labels.Count} labels for {n} images.");
        if (d.Domains.Count != n) throw new ArgumentException($"{d.Name}: {d.Domains.Count} domain ids for {n} images.");
        if (d.DomainNames.Count == 0) throw new ArgumentException($"{d.Name}: at least one domain name is required.");
        if (d.Channels is not (1 or 3)) throw new ArgumentException($"{d.Name}: channels must be 1 or 3, got {d.Channels}.");
        for (int i = 0; i < n; i++)
        {
            long y = d.Labels[i];
            if (y < 0 || y >= d.ClassNames.Count) throw new ArgumentException($"{d.Name}: image {i} has label {y}, outside [0, {d.ClassNames.Count}) of the class names.");
            int m = d.Domains[i];
            if (m < 0 || m >= d.DomainNames.Count) throw new ArgumentException($"{d.Name}: image {i} has domain {m}, outside [0, {d.DomainNames.Count}).");
        }
    }
}
