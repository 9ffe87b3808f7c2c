using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Models.Weights;

/// <summary>
/// Loads checkpoint tensors into a module by state-dict key, like PyTorch's
/// <c>load_state_dict(strict)</c> plus key mapping, ignore prefixes, input-channel adaptation and
/// a report. Tensors are copied in place under no-grad (converted to the module's dtype and
/// device), so optimisers holding the parameters stay valid. A strict load validates everything
/// first and loads nothing when anything differs.
/// </summary>
public static class WeightLoader
{
    /// <summary>
    /// Loads a checkpoint file: PyTorch <c>.pth</c> / <c>.pth.tar</c> / <c>.pt</c>, <c>.safetensors</c> or
    /// TorchSharp's format (see <see cref="CheckpointFile"/>), renaming keys by the options' mapping
    /// (<see cref="LoadDetected"/> chooses the mapping from the keys).
    /// </summary>
    /// <exception cref="WeightLoadException">Strict load with missing, unexpected or mismatched keys.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable checkpoint.</exception>
    public static WeightLoadReport Load(nn.Module module, string path, WeightLoadOptions? options = null) =>
        WithEntries(path, entries => Load(module, entries, options, path));

    /// <summary>
    /// Loads a checkpoint file with the key mapping its keys call for (<see cref="KeyMapping.Detect"/>: MoCo's
    /// query encoder, SPQ's official checkpoint, DataParallel's <c>module.</c>), replacing <paramref name="options"/>'s mapping.
    /// </summary>
    /// <exception cref="WeightLoadException">Strict load with missing, unexpected or mismatched keys.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable checkpoint.</exception>
    public static WeightLoadReport LoadDetected(nn.Module module, string path, WeightLoadOptions? options = null) =>
        WithEntries(path, entries =>
            Load(module, entries, (options ?? new WeightLoadOptions()) with { Mapping = KeyMapping.Detect(entries.Select(e => e.Key)) }, path));

    private static WeightLoadReport WithEntries(string path, Func<List<KeyValuePair<string, Tensor>>, WeightLoadReport> load)
    {
        var entries = CheckpointFile.Read(path);
        try
        {
            return load(entries);
        }
        finally
        {
            foreach (var (_, t) in entries) t.Dispose();
        }
    }

    /// <summary>Loads in-memory checkpoint tensors (not disposed here).</summary>
    /// <exception cref="WeightLoadException">Strict load with missing, unexpected or mismatched keys.</exception>
    /// <exception cref="InvalidOperationException">Two checkpoint keys map to the same module key.</exception>
    public static WeightLoadReport Load(nn.Module module, IEnumerable<KeyValuePair<string, Tensor>> checkpoint, WeightLoadOptions? options = null, string source = "checkpoint")
    {
        options ??= new WeightLoadOptions();
        var report = new WeightLoadReport { Source = source };
        var target = module.state_dict();
        var candidates = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in checkpoint)
        {
            string? mapped = options.Mapping.Map(key);
            if (mapped is null || IsIgnored(mapped, options))
            {
                report.Ignored.Add(key);
                continue;
            }
            if (!candidates.TryAdd(mapped, value))
            {
                throw new InvalidOperationException($"{source}: two checkpoint keys map to '{mapped}' (the second is '{key}'); fix the KeyMapping.");
            }
        }

        var plan = new List<(Tensor Destination, Tensor Value, bool Adapted)>();
        foreach (var (key, value) in candidates)
        {
            if (!target.TryGetValue(key, out var destination))
            {
                report.Unexpected.Add(key);
                continue;
            }
            if (value.shape.SequenceEqual(destination.shape))
            {
                plan.Add((destination, value, false));
                report.Loaded.Add(key);
            }
            else if (options.AdaptInputChannelsFor.Contains(key) && CanAdapt(value.shape, destination.shape))
            {
                plan.Add((destination, value, true));
                report.Loaded.Add(key);
                report.AdaptedInputChannels.Add(key);
            }
            else
            {
                report.ShapeMismatches.Add((key, value.shape, destination.shape));
            }
        }
        foreach (var key in target.Keys)
        {
            if (candidates.ContainsKey(key) || IsIgnored(key, options)) continue;
            if (key == "num_batches_tracked" || key.EndsWith(".num_batches_tracked", StringComparison.Ordinal)) report.DefaultedBuffers.Add(key);
            else report.Missing.Add(key);
        }
        report.SuggestedPrefix = SuggestPrefix(report.Unexpected, target.Keys);

        if (options.Strict && !report.IsExact)
        {
            throw new WeightLoadException(
                $"Strict load of {module.GetType().Name} failed, nothing was loaded. {report}\n  Options: WeightLoadOptions {{ Strict = false }} loads what matches; " +
                "IgnorePrefixes = [\"fc.\"] skips a classifier of another size; Mapping renames keys.", report);
        }

        using (no_grad())
        {
            foreach (var (destination, value, adapted) in plan)
            {
                if (!adapted)
                {
                    destination.copy_(value);
                    continue;
                }
                using var converted = AdaptInputChannels(value, destination.shape[1]);
                destination.copy_(converted);
            }
        }
        return report;
    }

    /// <summary>
    /// Converts a conv weight <c>[out, c_ckpt, k, k]</c> to <paramref name="channels"/> input channels:
    /// to 1 by summing over dim 1; from 1 by repeating and dividing by the new count.
    /// </summary>
    public static Tensor AdaptInputChannels(Tensor weight, long channels)
    {
        long have = weight.shape[1];
        if (have == channels) return weight.clone();
        if (channels == 1) return weight.sum(1, keepdim: true);
        if (have == 1)
        {
            using var repeated = weight.repeat(1, channels, 1, 1);
            return repeated.div(channels);
        }
        throw new ArgumentException($"Cannot adapt a convolution from {have} to {channels} input channels (only to or from 1).", nameof(channels));
    }

    private static bool CanAdapt(long[] checkpoint, long[] module)
    {
        if (checkpoint.Length != 4 || module.Length != 4) return false;
        if (checkpoint[0] != module[0] || checkpoint[2] != module[2] || checkpoint[3] != module[3]) return false;
        return checkpoint[1] == 1 || module[1] == 1;
    }

    private static bool IsIgnored(string key, WeightLoadOptions options) =>
        options.IgnorePrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal));

    private static string? SuggestPrefix(List<string> unexpected, IEnumerable<string> moduleKeys)
    {
        if (unexpected.Count == 0) return null;
        var known = moduleKeys.ToHashSet(StringComparer.Ordinal);
        foreach (var key in unexpected)
        {
            for (int dot = key.IndexOf('.'); dot >= 0; dot = key.IndexOf('.', dot + 1))
            {
                if (known.Contains(key[(dot + 1)..])) return key[..(dot + 1)];
            }
        }
        return null;
    }
}
