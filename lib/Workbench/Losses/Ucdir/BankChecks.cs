using static TorchSharp.torch;

namespace Workbench.Losses.Ucdir;

/// <summary>Shared argument checks and masks of the memory-bank losses.</summary>
internal static class BankChecks
{
    /// <summary>Checks queries <c>[n, D]</c>, bank <c>[N, D]</c> and ids <c>[n]</c> (integer, within 0 … N−1).</summary>
    public static void Validate(Tensor queries, Tensor bank, Tensor ids)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(ids);
        if (queries.dim() != 2 || bank.dim() != 2 || queries.shape[1] != bank.shape[1])
            throw new ArgumentException($"Need queries [n, D] and a bank [N, D] (row = image id); got [{string.Join(", ", queries.shape)}] and [{string.Join(", ", bank.shape)}].");
        if (ids.dim() != 1 || ids.shape[0] != queries.shape[0] || ids.is_floating_point())
            throw new ArgumentException($"Need integer image ids [{queries.shape[0]}]; got {ids.dtype} [{string.Join(", ", ids.shape)}].", nameof(ids));
        if (ids.numel() > 0 && (ids.min().item<long>() < 0 || ids.max().item<long>() >= bank.shape[0]))
            throw new ArgumentException($"Image ids must be rows of the bank (0 … {bank.shape[0] - 1}); got {ids.min().item<long>()} … {ids.max().item<long>()}. Are ids per domain?", nameof(ids));
    }

    /// <summary>Boolean <c>[n, N]</c>, true at (i, ids[i]).</summary>
    public static Tensor OwnMask(Tensor ids, long bankSize, Device device) =>
        arange(bankSize, dtype: ScalarType.Int64, device: device).unsqueeze(0).eq(ids.to(ScalarType.Int64, device).unsqueeze(1));
}
