using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Workbench.Notebooks.Execution;
using Workbench.Notebooks.Format;

namespace Workbench.Notebooks.Reports;

/// <summary>
/// What a notebook process has done so far, one JSON line per event (<c>stem.journal.jsonl</c>
/// beside the report): a cell starts, sets an output, finishes. Written unbuffered by the process
/// that runs the notebook, so that when a cell kills that process (a stack overflow aborts it with
/// 134; <c>Environment.Exit</c> ends it with any code) the supervising process can still write
/// the report, naming the cell that died and why (<see cref="Recover"/>).
/// </summary>
public sealed class RunJournal : INotebookRunObserver, IDisposable
{
    /// <summary>Suffix of journal files.</summary>
    public const string Suffix = ".journal.jsonl";

    private readonly object _gate = new();
    private readonly StreamWriter _writer;

    /// <summary>Starts a journal at <paramref name="path"/> (replacing an old one).</summary>
    public RunJournal(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false)) { AutoFlush = true };
    }

    /// <summary>The journal path for the notebook <paramref name="notebookPath"/> in <paramref name="outputDirectory"/>.</summary>
    public static string PathFor(string notebookPath, string outputDirectory) =>
        Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(notebookPath) + Suffix);

    /// <inheritdoc/>
    public void CellStarting(int index, string id) => Write(new JsonObject { ["event"] = "start", ["cell"] = index, ["id"] = id });

    /// <inheritdoc/>
    public void OutputSet(int index, int position, CellOutput output) =>
        Write(new JsonObject { ["event"] = "output", ["cell"] = index, ["position"] = position, ["output"] = output.ToJson() });

    /// <inheritdoc/>
    public void CellFinished(CellRunRecord record) => Write(new JsonObject
    {
        ["event"] = "done", ["cell"] = record.Index, ["id"] = record.Id, ["count"] = record.ExecutionCount, ["state"] = record.State.ToString(),
        ["ms"] = Math.Round(record.RunMs, 1),
    });

    private void Write(JsonObject line)
    {
        string text = line.ToJsonString();
        lock (_gate) _writer.WriteLine(text);
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();

    /// <summary>
    /// The result of a run whose process ended without writing one: the cells the journal shows
    /// finished keep their outputs and states, the cell that was running gets an error output
    /// saying that the process died with <paramref name="exitCode"/> and what it last wrote to
    /// stderr, and the rest are not run. The status is <see cref="RunStatus.CellFailed"/> (exit 1).
    /// </summary>
    /// <param name="notebook">The notebook as loaded from disk.</param>
    /// <param name="journalPath">The journal the process wrote (may be missing or cut mid-line).</param>
    /// <param name="given">The parameters given (<c>-p</c>), injected as the process did.</param>
    /// <param name="exitCode">The process's exit code (128 + n for signal n).</param>
    /// <param name="stderrTail">The last lines the process wrote to stderr.</param>
    /// <param name="wallMs">Wall time of the process.</param>
    /// <param name="name">The notebook's file name, for the message.</param>
    public static NotebookRunResult Recover(Notebook notebook, string journalPath, IReadOnlyDictionary<string, string> given,
        int exitCode, string stderrTail, double wallMs, string name)
    {
        var (nb, declared, values, _) = ParameterCell.PrepareRun(notebook, given);
        var outputs = new Dictionary<int, List<CellOutput>>();
        var records = new Dictionary<int, CellRunRecord>();
        int? running = null;
        foreach (var line in File.Exists(journalPath) ? ReadLines(journalPath) : [])
        {
            JsonObject o;
            try
            {
                o = JsonNode.Parse(line) as JsonObject ?? throw new FormatException();
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
            {
                break; // the last line may be cut where the process died
            }
            int cell = o["cell"]!.GetValue<int>();
            switch (o["event"]?.GetValue<string>())
            {
                case "start":
                    running = cell;
                    break;
                case "output":
                    var list = outputs.TryGetValue(cell, out var l) ? l : outputs[cell] = [];
                    int position = o["position"]!.GetValue<int>();
                    var output = CellOutput.FromJson((JsonObject)o["output"]!, "journal");
                    if (position < list.Count) list[position] = output;
                    else list.Add(output);
                    break;
                case "done":
                    records[cell] = new CellRunRecord(cell, o["id"]!.GetValue<string>(), o["count"]?.GetValue<int>(),
                        Enum.Parse<CellState>(o["state"]!.GetValue<string>()), o["ms"]!.GetValue<double>());
                    if (running == cell) running = null;
                    break;
            }
        }
        string died = Describe(exitCode);
        string message;
        var cells = new List<CellRunRecord>();
        int lastCount = records.Values.Max(r => r.ExecutionCount) ?? 0;
        for (int i = 0; i < nb.Cells.Count; i++)
        {
            var cell = nb.Cells[i];
            if (cell.Type != CellType.Code) continue;
            if (outputs.TryGetValue(i, out var cellOutputs)) cell.Outputs.AddRange(cellOutputs);
            if (records.TryGetValue(i, out var record))
            {
                cell.ExecutionCount = record.ExecutionCount;
            }
            else if (i == running)
            {
                string label = $"cell #{i} '{cell.Id}'";
                var traceback = new List<string> { $"ProcessExited in {label}: the notebook process {died} while this cell ran." };
                if (stderrTail.Length > 0) traceback.AddRange(["Last lines on stderr:", .. stderrTail.TrimEnd('\n').Split('\n')]);
                cell.Outputs.Add(new ErrorOutput("ProcessExited", $"the notebook process {died} while this cell ran", traceback));
                cell.ExecutionCount = ++lastCount;
                record = new CellRunRecord(i, cell.Id!, cell.ExecutionCount, CellState.Failed, 0);
            }
            else
            {
                record = new CellRunRecord(i, cell.Id!, null, CellState.NotRun, 0);
            }
            cells.Add(record);
        }
        var dead = cells.FirstOrDefault(c => c.Index == running);
        message = dead is not null
            ? $"{name}: cell #{dead.Index} '{dead.Id}' failed: ProcessExited: the notebook process {died} while this cell ran"
            : $"{name}: the notebook process {died} " + (records.Count == 0 ? "before its first cell." : "between cells.");
        return new NotebookRunResult(nb, RunStatus.CellFailed, cells, values, declared, message, wallMs);
    }

    /// <summary>What an exit code says about how a process ended.</summary>
    public static string Describe(int exitCode) => exitCode switch
    {
        134 => "aborted (exit 134, SIGABRT: a stack overflow or a native abort)",
        137 => "was killed (exit 137, SIGKILL: out of memory or killed from outside)",
        139 => "crashed (exit 139, SIGSEGV)",
        0 => "exited with code 0 before finishing the notebook (Environment.Exit?)",
        > 128 and < 160 => $"was ended by signal {exitCode - 128} (exit {exitCode})",
        _ => $"exited with code {exitCode.ToString(CultureInfo.InvariantCulture)}",
    };

    private static IEnumerable<string> ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line) yield return line;
    }
}
