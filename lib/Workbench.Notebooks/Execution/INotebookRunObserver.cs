using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Execution;

/// <summary>
/// Receives a run's progress as it happens, so that a supervising process can write the report
/// of a run whose process died (<see cref="Reports.RunJournal"/>).
/// </summary>
public interface INotebookRunObserver
{
    /// <summary>A code cell is about to run.</summary>
    /// <param name="index">Its position in the executed notebook.</param>
    /// <param name="id">Its id.</param>
    void CellStarting(int index, string id);

    /// <summary>The running cell set its output number <paramref name="position"/> (a new one, a longer stream, or an updated display).</summary>
    /// <param name="index">The cell's position.</param>
    /// <param name="position">The output's position among the cell's outputs.</param>
    /// <param name="output">The output.</param>
    void OutputSet(int index, int position, CellOutput output);

    /// <summary>A code cell finished (or was not run).</summary>
    void CellFinished(CellRunRecord record);
}
