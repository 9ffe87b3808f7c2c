using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Execution;

/// <summary>
/// Collects one cell's outputs in the order they happen: consecutive writes to the same stream
/// merge into one <c>stream</c> output, displays are appended between them. Thread-safe.
/// </summary>
internal sealed class CellOutputSink(int cellIndex)
{
    private readonly object _gate = new();
    private readonly List<CellOutput> _outputs = [];
    private int _charts;

    /// <summary>The cell's position in the notebook (used in chart ids).</summary>
    public int CellIndex { get; } = cellIndex;

    /// <summary>A snapshot of the outputs so far.</summary>
    public List<CellOutput> Snapshot()
    {
        lock (_gate) return [.. _outputs];
    }

    public void WriteStream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (_outputs.Count > 0 && _outputs[^1] is StreamOutput last && last.Name == name)
                _outputs[^1] = last with { Text = last.Text + text };
            else
                _outputs.Add(new StreamOutput(name, text));
        }
    }

    public void Add(CellOutput output)
    {
        lock (_gate) _outputs.Add(output);
    }

    /// <summary>The next deterministic chart div id of this cell: <c>nb-c{cell}-o{n}</c>.</summary>
    public string NextChartId()
    {
        lock (_gate) return $"nb-c{CellIndex}-o{_charts++}";
    }
}
