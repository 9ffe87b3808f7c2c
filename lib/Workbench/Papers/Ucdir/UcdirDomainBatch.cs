using Workbench.Models.Moco;
using static TorchSharp.torch;

namespace Workbench.Papers.Ucdir;

/// <summary>One domain's part of a paired UCDIR training step.</summary>
/// <param name="Queries">Features with gradient <c>[n, D]</c>: z in the seed variant, the query encoder's L2-normalised q in the official one.</param>
/// <param name="Keys">The other view's key features <c>[n, D]</c> (no gradient); needed by IW and the official CW filter.</param>
/// <param name="Ids">Image ids <c>[n]</c> (int64) within the domain; needed with a memory bank.</param>
/// <param name="Bank">The domain's memory bank; needed by IW and the official CW.</param>
public sealed record UcdirDomainBatch(Tensor Queries, Tensor? Keys = null, Tensor? Ids = null, DomainMemoryBank? Bank = null)
{
    /// <summary>Keys, ids and bank, or an exception naming what <paramref name="term"/> is missing.</summary>
    internal (Tensor Keys, Tensor Ids, DomainMemoryBank Bank) RequireBank(string term, string domain)
    {
        if (Keys is null || Ids is null || Bank is null)
            throw new ArgumentException($"{term} needs keys, image ids and a memory bank for domain {domain}; pass them in UcdirDomainBatch.");
        return (Keys, Ids, Bank);
    }
}
