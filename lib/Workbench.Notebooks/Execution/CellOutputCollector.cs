using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Execution;

/// <summary>
/// Turns the kernel events of one cell into nbformat outputs, in order, as the Jupyter frontend
/// of <c>dotnet-interactive</c> does: displays become <c>display_data</c> (an update replaces the
/// output with the same value id), the return value <c>execute_result</c>, console writes
/// <c>stream</c> outputs (consecutive writes to one stream merged). Thread-safe.
/// </summary>
internal sealed class CellOutputCollector(int cellIndex, INotebookRunObserver? observer) : IObserver<KernelEvent>
{
    private readonly object _gate = new();
    private readonly List<CellOutput> _outputs = [];
    private readonly Dictionary<string, int> _byValueId = [];

    /// <summary>The execution count given to an <c>execute_result</c>.</summary>
    public int ExecutionCount { get; set; }

    /// <summary>A snapshot of the outputs so far.</summary>
    public List<CellOutput> Snapshot()
    {
        lock (_gate) return [.. _outputs];
    }

    /// <summary>Appends an output produced by the runner itself (errors, notes).</summary>
    public void Add(CellOutput output)
    {
        lock (_gate)
        {
            _outputs.Add(output);
            Changed(_outputs.Count - 1);
        }
    }

    public void OnNext(KernelEvent value)
    {
        lock (_gate)
        {
            int position;
            switch (value)
            {
                case StandardOutputValueProduced o:
                    position = Stream("stdout", Text(o.FormattedValues));
                    break;
                case StandardErrorValueProduced e:
                    position = Stream("stderr", Text(e.FormattedValues));
                    break;
                case ReturnValueProduced r:
                    position = Append(new ExecuteResultOutput(Bundle(r.FormattedValues), new(), ExecutionCount));
                    break;
                case DisplayedValueUpdated u when u.ValueId is { } id && _byValueId.TryGetValue(id, out int at):
                    _outputs[at] = new DisplayDataOutput(Bundle(u.FormattedValues));
                    position = at;
                    break;
                case DisplayedValueProduced d:
                    position = Append(new DisplayDataOutput(Bundle(d.FormattedValues)));
                    if (d.ValueId is { } valueId) _byValueId[valueId] = position;
                    break;
                case ErrorProduced error:
                    position = Stream("stderr", error.Message + "\n");
                    break;
                default:
                    return;
            }
            if (position >= 0) Changed(position);
        }
    }

    private int Append(CellOutput output)
    {
        _outputs.Add(output);
        return _outputs.Count - 1;
    }

    public void OnError(Exception error)
    {
        // the kernel reports failures as CommandFailed; nothing to collect here
    }

    public void OnCompleted()
    {
        // a kernel's event stream ends only when it is disposed
    }

    private void Changed(int position) => observer?.OutputSet(cellIndex, position, _outputs[position]);

    private int Stream(string name, string text)
    {
        if (text.Length == 0) return -1;
        if (_outputs.Count > 0 && _outputs[^1] is StreamOutput last && last.Name == name)
        {
            _outputs[^1] = last with { Text = last.Text + text };
            return _outputs.Count - 1;
        }
        return Append(new StreamOutput(name, text));
    }

    private static string Text(IReadOnlyCollection<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? values.FirstOrDefault()?.Value ?? "";

    private static MimeBundle Bundle(IReadOnlyCollection<FormattedValue> values)
    {
        var bundle = new MimeBundle();
        foreach (var v in values)
        {
            if (v.MimeType is not { Length: > 0 } mime || v.SuppressDisplay) continue;
            if (MimeBundle.IsJsonMime(mime) && TryParse(v.Value) is { } json) bundle.SetJson(mime, json);
            else bundle.Set(mime, v.Value ?? "");
        }
        return bundle;
    }

    private static System.Text.Json.Nodes.JsonNode? TryParse(string? text)
    {
        try
        {
            return text is null ? null : System.Text.Json.Nodes.JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
