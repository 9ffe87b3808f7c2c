namespace Workbench.Clustering;

/// <summary>How <see cref="TransportPermutation.FromPlan"/> turns a transport plan into a matching.</summary>
public enum PermutationMethod
{
    /// <summary>Exact maximum-mass assignment: the Hungarian algorithm on −P (a true permutation for square plans).</summary>
    Hungarian,

    /// <summary>Row-wise argmax of P: O(n·m), but two rows may pick the same column (not always a permutation).</summary>
    RowArgmax,
}
