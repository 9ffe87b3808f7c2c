namespace Workbench.Models.Weights;

/// <summary>
/// Renames checkpoint keys before they are matched against a module's state dict. Prefix rules
/// are tried in order and the first whose <c>From</c> starts the key replaces that prefix with
/// <c>To</c>; an optional <see cref="Custom"/> function runs afterwards (return null to drop a key).
/// Keys that match no rule are kept unless <see cref="KeepUnmatched"/> is false, in which case
/// they are dropped and reported as ignored (e.g. MoCo's key encoder and queue).
/// </summary>
public sealed record KeyMapping
{
    /// <summary>Ordered (from, to) prefix replacements.</summary>
    public IReadOnlyList<(string From, string To)> PrefixRules { get; init; } = [];

    /// <summary>Whether keys matching no prefix rule are kept unchanged (true) or dropped (false).</summary>
    public bool KeepUnmatched { get; init; } = true;

    /// <summary>Optional final rename; null result drops the key.</summary>
    public Func<string, string?>? Custom { get; init; }

    /// <summary>No renaming.</summary>
    public static KeyMapping Identity { get; } = new();

    /// <summary>
    /// A MoCo v1/v2 checkpoint (<c>module.encoder_q.conv1.weight</c>, ..., <c>module.encoder_q.fc.0/2.*</c>,
    /// plus <c>module.encoder_k.*</c>, <c>module.queue</c>, <c>module.queue_ptr</c>): keeps the query
    /// encoder with the prefix stripped, drops everything else. Load into a ResNet-50 whose fc is
    /// a <see cref="Moco.MocoMlpHead"/> to get the MLP head as well, or ignore <c>fc.</c>.
    /// </summary>
    public static KeyMapping MocoQueryEncoder { get; } = new() { PrefixRules = [("module.encoder_q.", "")], KeepUnmatched = false };

    /// <summary>
    /// The backbone of an official SPQ checkpoint (<c>nn.Sequential(ResNet_Baseline, Quantization_Head)</c>:
    /// <c>0.conv1.weight</c>, <c>0.layer2.0.shortcut.0.weight</c>, <c>0.fc_out.weight</c>, ...) into a
    /// <c>resnet18-cifar</c> backbone: <c>0.fc_out.</c> → <c>fc.</c>, <c>0.</c> → "", <c>.shortcut.</c> → <c>.downsample.</c>;
    /// the head's <c>1.*</c> keys are dropped.
    /// </summary>
    public static KeyMapping SpqOfficialBackbone { get; } = new()
    {
        PrefixRules = [("0.fc_out.", "fc."), ("0.", "")],
        KeepUnmatched = false,
        Custom = k => k.Replace(".shortcut.", ".downsample.", StringComparison.Ordinal),
    };

    /// <summary>The quantization head of an official SPQ checkpoint (<c>1.fc.weight</c>, <c>1.fc.bias</c>, <c>1.C</c>) into a <see cref="Heads.SoftQuantizationHead"/>.</summary>
    public static KeyMapping SpqOfficialHead { get; } = new() { PrefixRules = [("1.", "")], KeepUnmatched = false };

    /// <summary>Strips <paramref name="prefix"/> where present (e.g. <c>module.</c> from DataParallel checkpoints), keeps the other keys.</summary>
    public static KeyMapping StripPrefix(string prefix) => new() { PrefixRules = [(prefix, "")] };

    /// <summary>
    /// The mapping a checkpoint's keys call for: <see cref="MocoQueryEncoder"/> when a key starts with
    /// <c>module.encoder_q.</c>, <see cref="SpqOfficialBackbone"/> when the keys are SPQ's
    /// <c>0.conv1.weight</c> ... <c>1.C</c>, <see cref="StripPrefix"/>(<c>module.</c>) when every key has
    /// DataParallel's prefix, else <see cref="Identity"/>.
    /// </summary>
    public static KeyMapping Detect(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var list = keys.ToList();
        if (list.Any(k => k.StartsWith("module.encoder_q.", StringComparison.Ordinal))) return MocoQueryEncoder;
        if (list.Contains("0.conv1.weight") && list.Contains("1.C")) return SpqOfficialBackbone;
        if (list.Count > 0 && list.All(k => k.StartsWith("module.", StringComparison.Ordinal))) return StripPrefix("module.");
        return Identity;
    }

    /// <summary>The new key, or null when the key is dropped.</summary>
    public string? Map(string key)
    {
        string? mapped = null;
        foreach (var (from, to) in PrefixRules)
        {
            if (key.StartsWith(from, StringComparison.Ordinal))
            {
                mapped = to + key[from.Length..];
                break;
            }
        }
        if (mapped is null)
        {
            if (!KeepUnmatched) return null;
            mapped = key;
        }
        return Custom is null ? mapped : Custom(mapped);
    }
}
