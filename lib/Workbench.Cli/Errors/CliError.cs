namespace Workbench.Cli.Errors;

/// <summary>What a command prints and returns for an exception: one exit code from <see cref="ExitCodes"/> and one message.</summary>
/// <param name="ExitCode">A code of <see cref="ExitCodes"/>.</param>
/// <param name="Message">What happened and what to do, without .NET's decorations (no type names of user errors, no <c>(Parameter 'x')</c>).</param>
/// <param name="IsBug">True when the exception is not an expected user-facing error (the stack trace helps then).</param>
internal sealed record CliError(int ExitCode, string Message, bool IsBug = false);
