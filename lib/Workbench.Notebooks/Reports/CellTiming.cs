namespace Workbench.Notebooks.Reports;

/// <summary>One code cell's line in a run manifest.</summary>
/// <param name="Id">Cell id.</param>
/// <param name="ExecutionCount">Execution count, or null when not run.</param>
/// <param name="State">Outcome (<c>Succeeded</c>, <c>Failed</c>, …).</param>
/// <param name="RunMs">Wall time in the kernel (compile and run), in milliseconds.</param>
public sealed record CellTiming(string Id, int? ExecutionCount, string State, double RunMs);
