namespace Workbench.Cli.Slurm;

/// <summary>
/// One array task: one ablation row × seed, run on a node as the ordinary
/// <c>workbench <see cref="Arguments"/></c> (an <c>experiment run … --out &lt;store&gt;</c> command line).
/// </summary>
/// <param name="Label">What the task trains, for people: row and seed, e.g. <c>SPQ 32 bits, seed 0</c>.</param>
/// <param name="Method">The method name of the run (<c>experiment run METHOD --resume RUN</c> continues it).</param>
/// <param name="RunId">The run folder the command writes under the store (its identity: method, preset, seed, config hash).</param>
/// <param name="Arguments">The command line after <c>workbench</c>; it must contain <c>--out &lt;store&gt;</c>.</param>
public sealed record SlurmTask(string Label, string Method, string RunId, IReadOnlyList<string> Arguments)
{
    /// <summary>True when the command trains anew although a record exists (<c>--force</c>): it is never resumed into an older run.</summary>
    public bool Forced => Arguments.Contains("--force");
}
