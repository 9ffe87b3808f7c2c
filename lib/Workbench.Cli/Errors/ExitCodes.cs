namespace Workbench.Cli.Errors;

/// <summary>
/// The exit codes of every <c>workbench</c> command: the README's "Exit codes" table is this one.
/// Commands return these constants (never bare numbers) and let <see cref="CliErrors"/> map exceptions to them.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Done: the run finished or a finished record was reused, the check passed, the file was written.</summary>
    public const int Ok = 0;

    /// <summary>The work ran and failed: a run failed or diverged, a notebook cell failed, a check found problems.</summary>
    public const int Failed = 1;

    /// <summary>Nothing ran: invalid configuration or arguments, missing or damaged data or records (the message says what to fix).</summary>
    public const int BadInput = 2;

    /// <summary>Stopped but resumable: Ctrl+C, SIGTERM or <c>--time-budget</c>; the message gives the command that continues.</summary>
    public const int Resumable = 3;

    /// <summary>Busy: another live process holds the run's lock (it is training that run now); nothing was changed.</summary>
    public const int Busy = 4;

    /// <summary>A time limit of <c>notebook run --timeout/--cell-timeout</c> was hit (the <c>timeout(1)</c> convention).</summary>
    public const int TimedOut = 124;
}
