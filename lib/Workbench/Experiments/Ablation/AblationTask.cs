using System.Globalization;

namespace Workbench.Experiments.Ablation;

/// <summary>
/// One run an ablation still needs: a row × seed without a finished record (or every one, when forced).
/// <see cref="Arguments"/> is the same run as an ordinary command line, so any scheduler (this process, a
/// shell loop, a batch system) can run it; run from those arguments it gets the same configuration hash
/// and run id as <see cref="Cell"/> run in this process.
/// </summary>
/// <param name="Index">0-based position in the plan.</param>
/// <param name="Cell">The row × seed.</param>
/// <param name="StoreRoot">The runs folder the record goes to (<c>--out</c>).</param>
/// <param name="Force">Whether to train although a finished record exists (<c>--force</c>).</param>
public sealed record AblationTask(int Index, AblationCell Cell, string StoreRoot, bool Force)
{
    /// <summary>The run id the record gets (unless a folder of that name exists already).</summary>
    public string RunId => Cell.Experiment.BaseRunId;

    /// <summary>
    /// The arguments of <c>workbench</c> that run this task:
    /// <c>experiment run &lt;method&gt; --preset &lt;preset&gt; --seed &lt;seed&gt; [--variant &lt;variant&gt;] [--set path=value]... --out &lt;store&gt; [--force]</c>,
    /// with the shared overrides first and the row's axis assignments after them, in the order they apply.
    /// </summary>
    public IReadOnlyList<string> Arguments
    {
        get
        {
            var e = Cell.Experiment;
            var args = new List<string> { "experiment", "run", e.Method.Name, "--preset", e.Preset.Name(), "--seed", Cell.Seed.ToString(CultureInfo.InvariantCulture) };
            if (Cell.Row.Variant is not null) args.AddRange(["--variant", e.Config.Variant]);
            foreach (string assignment in SharedAssignments.Concat(Cell.Row.Settings.SelectMany(s => s.Assignments))) args.AddRange(["--set", assignment]);
            args.AddRange(["--out", StoreRoot]);
            if (Force) args.Add("--force");
            return args;
        }
    }

    /// <summary>The spec's shared overrides as <c>path=value</c> text (set by the plan).</summary>
    public IReadOnlyList<string> SharedAssignments { get; init; } = [];

    /// <summary><see cref="Arguments"/> as one shell-quoted line starting with <c>workbench</c>.</summary>
    public string CommandLine => "workbench " + Runtime.ShellQuote.Words(Arguments);
}
