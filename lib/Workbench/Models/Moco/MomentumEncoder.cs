using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Models.Moco;

/// <summary>
/// MoCo's key-encoder bookkeeping (papers.md 1.2): the key encoder f_k starts as a copy of the query
/// encoder f_q and then follows it by momentum, θ_k ← m·θ_k + (1 − m)·θ_q, on parameters only (BN
/// running statistics of f_k evolve from its own forward passes).
/// </summary>
public static class MomentumEncoder
{
    /// <summary>
    /// Copies every parameter and buffer of <paramref name="query"/> into <paramref name="key"/> and turns
    /// off gradients of the key's parameters. (The official code copies parameters; its buffers are equal
    /// because both encoders load the same checkpoint.)
    /// </summary>
    /// <exception cref="ArgumentException">The two modules do not have the same parameter/buffer names and shapes.</exception>
    public static void Initialize(nn.Module query, nn.Module key)
    {
        var pairs = Pair(query.named_parameters(), key.named_parameters(), "parameter");
        var buffers = Pair(query.named_buffers(), key.named_buffers(), "buffer");
        using var grad = no_grad();
        foreach (var (q, k) in pairs)
        {
            k.copy_(q);
            k.requires_grad = false;
        }
        foreach (var (q, k) in buffers) k.copy_(q);
    }

    /// <summary>θ_k ← m·θ_k + (1 − m)·θ_q for every parameter (no gradient); <paramref name="momentum"/> m in [0, 1] (official 0.999).</summary>
    public static void Update(nn.Module query, nn.Module key, double momentum = 0.999)
    {
        if (!(momentum >= 0 && momentum <= 1)) throw new ArgumentException($"Key-encoder momentum must be in [0, 1]; got {momentum}.", nameof(momentum));
        var pairs = Pair(query.named_parameters(), key.named_parameters(), "parameter");
        using var grad = no_grad();
        foreach (var (q, k) in pairs)
        {
            k.mul_(momentum).add_(q, alpha: 1 - momentum);
        }
    }

    private static List<(Tensor Query, Tensor Key)> Pair<T>(IEnumerable<(string, T)> query, IEnumerable<(string, T)> key, string what) where T : Tensor
    {
        var q = query.ToList();
        var k = key.ToDictionary(p => p.Item1, p => (Tensor)p.Item2);
        if (q.Count != k.Count)
            throw new ArgumentException($"Query and key encoders differ: {q.Count} vs {k.Count} {what}s. Build both with the same architecture.");
        var pairs = new List<(Tensor, Tensor)>(q.Count);
        foreach (var (name, tq) in q)
        {
            if (!k.TryGetValue(name, out var tk))
                throw new ArgumentException($"The key encoder has no {what} '{name}'. Build both encoders with the same architecture.");
            if (!tq.shape.SequenceEqual(tk.shape))
                throw new ArgumentException($"{what} '{name}' has shape [{string.Join(", ", tq.shape)}] in the query encoder but [{string.Join(", ", tk.shape)}] in the key encoder.");
            pairs.Add((tq, tk));
        }
        return pairs;
    }
}
