using System.Text;

namespace Workbench.Models.Weights;

/// <summary>What a <see cref="WeightLoader"/> call matched. Keys are module keys unless stated.</summary>
public sealed class WeightLoadReport
{
    /// <summary>Where the checkpoint came from (file path or a label).</summary>
    public required string Source { get; init; }

    /// <summary>Module keys that received a checkpoint tensor.</summary>
    public List<string> Loaded { get; } = [];

    /// <summary>Module keys with no checkpoint tensor (not ignored).</summary>
    public List<string> Missing { get; } = [];

    /// <summary>Checkpoint keys (after mapping) that the module does not have.</summary>
    public List<string> Unexpected { get; } = [];

    /// <summary>Keys present on both sides with different shapes.</summary>
    public List<(string Key, long[] Checkpoint, long[] Module)> ShapeMismatches { get; } = [];

    /// <summary>Original checkpoint keys dropped by the key mapping or an ignore prefix.</summary>
    public List<string> Ignored { get; } = [];

    /// <summary>Module keys loaded after input-channel adaptation.</summary>
    public List<string> AdaptedInputChannels { get; } = [];

    /// <summary><c>num_batches_tracked</c> buffers absent from the checkpoint, left at their value (as PyTorch does for old checkpoints).</summary>
    public List<string> DefaultedBuffers { get; } = [];

    /// <summary>Prefix rename that would make unexpected keys match, when one was detected (e.g. <c>module.encoder_q.</c>).</summary>
    public string? SuggestedPrefix { get; set; }

    /// <summary>True when nothing is missing, unexpected or mismatched.</summary>
    public bool IsExact => Missing.Count == 0 && Unexpected.Count == 0 && ShapeMismatches.Count == 0;

    /// <summary>A multi-line summary listing up to 10 keys per category.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append($"{Source}: loaded {Loaded.Count}");
        if (AdaptedInputChannels.Count > 0) sb.Append($" ({AdaptedInputChannels.Count} with adapted input channels)");
        sb.Append($", missing {Missing.Count}, unexpected {Unexpected.Count}, shape mismatches {ShapeMismatches.Count}, ignored {Ignored.Count}");
        if (DefaultedBuffers.Count > 0) sb.Append($", {DefaultedBuffers.Count} num_batches_tracked left as is");
        sb.Append('.');
        AppendList(sb, "missing module keys", Missing);
        AppendList(sb, "unexpected checkpoint keys", Unexpected);
        AppendList(sb, "shape mismatches", ShapeMismatches.Select(m => $"{m.Key}: checkpoint [{string.Join(", ", m.Checkpoint)}] vs module [{string.Join(", ", m.Module)}]").ToList());
        if (SuggestedPrefix is not null) sb.Append($"\n  the unexpected keys match after removing the prefix '{SuggestedPrefix}': use KeyMapping.StripPrefix(\"{SuggestedPrefix}\") (MoCo checkpoints: KeyMapping.MocoQueryEncoder).");
        return sb.ToString();
    }

    private static void AppendList(StringBuilder sb, string label, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0) return;
        sb.Append($"\n  {keys.Count} {label}: {string.Join(", ", keys.Take(10))}");
        if (keys.Count > 10) sb.Append($", ... ({keys.Count - 10} more)");
    }
}
