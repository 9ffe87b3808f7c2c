namespace Workbench.Notebooks.Execution;

/// <summary>Timing and outcome of one cell.</summary>
/// <param name="Index">Position in the executed notebook (after parameter injection).</param>
/// <param name="Id">The cell id.</param>
/// <param name="ExecutionCount">The execution count given, or null when not run.</param>
/// <param name="State">What happened.</param>
/// <param name="RunMs">Wall time of the cell in the kernel (compile and run), in milliseconds.</param>
public sealed record CellRunRecord(int Index, string Id, int? ExecutionCount, CellState State, double RunMs);
