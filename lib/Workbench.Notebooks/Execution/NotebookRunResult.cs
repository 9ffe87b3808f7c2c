using System.Text.Json.Nodes;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Execution;

/// <summary>The executed notebook and what happened while running it.</summary>
/// <param name="Executed">The notebook with outputs, execution counts and the injected parameters cell.</param>
/// <param name="Status">How the run ended.</param>
/// <param name="Cells">Per code cell: outcome and timings.</param>
/// <param name="Parameters">The values injected (empty when only defaults were used).</param>
/// <param name="Declared">The declarations of the parameters cell (empty without one).</param>
/// <param name="Message">Why the run did not succeed, naming the cell; null on success.</param>
/// <param name="WallMs">Wall time of the run in milliseconds.</param>
public sealed record NotebookRunResult(
    Notebook Executed,
    RunStatus Status,
    IReadOnlyList<CellRunRecord> Cells,
    IReadOnlyDictionary<string, JsonNode> Parameters,
    IReadOnlyList<ParameterDeclaration> Declared,
    string? Message,
    double WallMs)
{
    /// <summary>The process exit code for this status (0, 1, 2 or 124).</summary>
    public int ExitCode => (int)Status;

    /// <summary>Total run time of the cells.</summary>
    public double RunMs => Cells.Sum(c => c.RunMs);
}
