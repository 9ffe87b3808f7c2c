namespace Workbench.Clustering;

/// <summary>Settings of <see cref="Sinkhorn.Solve"/>.</summary>
public sealed record SinkhornOptions
{
    /// <summary>Entropic regularisation ε, in the units of the cost (default 0.05, as in ProtoOT). Smaller ε gives a sharper plan and needs more iterations.</summary>
    public double Epsilon { get; init; } = 0.05;

    /// <summary>Upper bound on the number of Sinkhorn iterations (one iteration = one row and one column update; default 1000).</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Stop when the row-marginal error Σ_i |Σ_j P_ij − a_i| is at most this (the column marginals are exact after each column update; default 1e-6).</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Measure the marginal error every this many iterations (default 1; larger values avoid a device sync per iteration on a GPU).</summary>
    public int CheckEvery { get; init; } = 1;

    /// <summary>Keep the autograd graph through the iterations (default false: the plan is a constant, computed under no_grad from the detached cost).</summary>
    public bool Differentiable { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon)) throw new ArgumentException($"Sinkhorn epsilon must be a positive finite number; got {Epsilon}.");
        if (MaxIterations < 1) throw new ArgumentException($"Sinkhorn MaxIterations must be at least 1; got {MaxIterations}.");
        if (!(Tolerance >= 0)) throw new ArgumentException($"Sinkhorn tolerance must be ≥ 0; got {Tolerance}.");
        if (CheckEvery < 1) throw new ArgumentException($"Sinkhorn CheckEvery must be at least 1; got {CheckEvery}.");
    }
}
