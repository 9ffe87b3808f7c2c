using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Clustering;

/// <summary>
/// The Hungarian algorithm (Kuhn–Munkres, in the shortest-augmenting-path form with row and column
/// potentials): an exact minimum-cost assignment in O(n²·m) time for an n × m cost matrix, n ≤ m
/// (O(n³) for square matrices).
/// </summary>
/// <remarks>
/// <para>Square matrices give a permutation. Rectangular matrices are supported: with fewer rows than
/// columns every row gets a distinct column; with more rows than columns every column gets a distinct
/// row and the remaining rows are reported as <c>-1</c>. Ties are broken deterministically (lowest
/// column index found first), so the same matrix always gives the same assignment.</para>
/// <para>Costs must be finite; NaN or ±∞ are rejected. To forbid a pair, give it a large finite cost.</para>
/// </remarks>
public static class Hungarian
{
    /// <summary>Minimum-cost (or, with <paramref name="maximize"/>, maximum-score) assignment of rows to columns.</summary>
    /// <param name="cost">The n × m cost matrix (row-major).</param>
    /// <param name="maximize">Maximise the total instead of minimising it.</param>
    /// <returns><c>assignment[i]</c> = the column given to row <c>i</c>, or <c>-1</c> when n &gt; m and row <c>i</c> gets none.</returns>
    /// <exception cref="ArgumentException">A non-finite cost.</exception>
    public static int[] Solve(double[,] cost, bool maximize = false)
    {
        ArgumentNullException.ThrowIfNull(cost);
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        var flat = new double[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                flat[i * cols + j] = cost[i, j];
        return Solve(flat, rows, cols, maximize);
    }

    /// <summary>Assignment for a 2-D tensor of any floating dtype on any device (copied to the CPU as float64).</summary>
    /// <param name="cost">Cost matrix <c>[n, m]</c>.</param>
    /// <param name="maximize">Maximise the total instead of minimising it.</param>
    /// <returns>See <see cref="Solve(double[,], bool)"/>.</returns>
    public static int[] Solve(Tensor cost, bool maximize = false)
    {
        ArgumentNullException.ThrowIfNull(cost);
        if (cost.dim() != 2) throw new ArgumentException($"The Hungarian algorithm needs a 2-D cost matrix; got shape [{string.Join(", ", cost.shape)}].", nameof(cost));
        if (!cost.is_floating_point()) throw new ArgumentException($"The cost matrix must be floating point; got {cost.dtype}.", nameof(cost));
        int rows = (int)cost.shape[0], cols = (int)cost.shape[1];
        using var cpu = cost.detach().to(ScalarType.Float64, torch.CPU).contiguous();
        return Solve(cpu.data<double>().ToArray(), rows, cols, maximize);
    }

    /// <summary>Total cost Σ_i cost[i, assignment[i]] over the assigned rows.</summary>
    public static double TotalCost(double[,] cost, IReadOnlyList<int> assignment)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(assignment);
        double total = 0;
        for (int i = 0; i < assignment.Count; i++)
            if (assignment[i] >= 0) total += cost[i, assignment[i]];
        return total;
    }

    /// <summary>Core solver on a row-major span of <paramref name="rows"/> × <paramref name="cols"/> costs.</summary>
    internal static int[] Solve(double[] flat, int rows, int cols, bool maximize)
    {
        for (int t = 0; t < flat.Length; t++)
        {
            if (!double.IsFinite(flat[t]))
            {
                throw new ArgumentException(
                    $"The Hungarian algorithm needs finite costs; entry ({t / cols}, {t % cols}) is {flat[t]}. " +
                    "Replace NaN/∞ by a large finite cost to forbid a pair.");
            }
        }
        if (rows == 0 || cols == 0) return Enumerable.Repeat(-1, rows).ToArray();
        if (maximize)
            for (int t = 0; t < flat.Length; t++) flat[t] = -flat[t];
        if (rows <= cols) return SolveWide(flat, rows, cols);

        // More rows than columns: solve the transpose (columns become rows) and invert the mapping.
        var transposed = new double[flat.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                transposed[j * rows + i] = flat[i * cols + j];
        int[] colToRow = SolveWide(transposed, cols, rows);
        var result = Enumerable.Repeat(-1, rows).ToArray();
        for (int j = 0; j < cols; j++) result[colToRow[j]] = j;
        return result;
    }

    /// <summary>Shortest augmenting paths with potentials u (rows) and v (columns); requires n ≤ m.</summary>
    private static int[] SolveWide(double[] a, int n, int m)
    {
        // 1-based bookkeeping; column 0 is a virtual column holding the row being inserted.
        var u = new double[n + 1];
        var v = new double[m + 1];
        var owner = new int[m + 1];   // owner[j] = row (1-based) assigned to column j, 0 = free
        var way = new int[m + 1];
        var minv = new double[m + 1];
        var used = new bool[m + 1];
        for (int i = 1; i <= n; i++)
        {
            owner[0] = i;
            int j0 = 0;
            Array.Fill(minv, double.PositiveInfinity);
            Array.Clear(used);
            do
            {
                used[j0] = true;
                int i0 = owner[j0], j1 = -1;
                double delta = double.PositiveInfinity;
                int rowOffset = (i0 - 1) * m;
                double ui0 = u[i0];
                for (int j = 1; j <= m; j++)
                {
                    if (used[j]) continue;
                    double reduced = a[rowOffset + j - 1] - ui0 - v[j];
                    if (reduced < minv[j]) { minv[j] = reduced; way[j] = j0; }
                    if (minv[j] < delta) { delta = minv[j]; j1 = j; }
                }
                for (int j = 0; j <= m; j++)
                {
                    if (used[j]) { u[owner[j]] += delta; v[j] -= delta; }
                    else minv[j] -= delta;
                }
                j0 = j1;
            }
            while (owner[j0] != 0);
            do
            {
                int j1 = way[j0];
                owner[j0] = owner[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }
        var assignment = new int[n];
        for (int j = 1; j <= m; j++)
            if (owner[j] != 0) assignment[owner[j] - 1] = j - 1;
        return assignment;
    }
}
