using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Workbench.Data.Catalog;
using Workbench.Notebooks.Format;
using Workbench.Experiments.Records;
using Workbench.Training.Validation;
using Workbench.Training.Records;

namespace Workbench.Cli.Errors;

/// <summary>
/// The one place where the CLI turns exceptions into exit codes and messages (README, "Exit codes").
/// Every command body runs inside <see cref="Run"/> or <see cref="RunAsync"/>: expected errors print one
/// message on standard error (<c>error: …</c>, no stack trace, no colour codes) and return their
/// <see cref="ExitCodes"/> value; anything unexpected returns <see cref="ExitCodes.Failed"/> with its type and
/// message, and its stack trace only when <c>WORKBENCH_TRACE=1</c>.
/// </summary>
internal static partial class CliErrors
{
    /// <summary>Environment variable that adds stack traces to unexpected errors.</summary>
    public const string TraceVariable = "WORKBENCH_TRACE";

    /// <summary>Runs a command body and maps what it throws.</summary>
    public static int Run(Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    /// <summary>Runs an asynchronous command body and maps what it throws.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    /// <summary>Prints <paramref name="error"/>'s message on standard error and returns its exit code.</summary>
    public static int Report(Exception error)
    {
        var described = Describe(error);
        Write(described.Message);
        if (described.IsBug)
        {
            if (Environment.GetEnvironmentVariable(TraceVariable) == "1") Console.Error.WriteLine(Unwrap(error));
            else Console.Error.WriteLine($"(this looks like a bug; {TraceVariable}=1 shows the stack trace)");
        }
        return described.ExitCode;
    }

    /// <summary>Prints <c>error: message</c> on standard error (plain text).</summary>
    public static void Write(string message) => Console.Error.WriteLine($"error: {message}");

    /// <summary>The exit code and message for <paramref name="error"/> (wrappers such as <see cref="AggregateException"/> unwrapped).</summary>
    public static CliError Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var e = Unwrap(error);
        string message = Clean(e.Message);
        return e switch
        {
            OperationCanceledException => new(ExitCodes.Resumable, "Stopped before the work finished; what finished is kept. Run the same command again to continue."),
            RunLockedException => new(ExitCodes.Busy, message),
            DamagedRecordException => new(ExitCodes.BadInput, message),
            ConfigValidationException or DatasetNotInstalledException or InvalidDataException or FileNotFoundException
                or DirectoryNotFoundException or NotebookFormatException or ArgumentException or FormatException
                or UnauthorizedAccessException => new(ExitCodes.BadInput, message),
            JsonException => new(ExitCodes.BadInput, $"Not valid JSON: {message}"),
            InvalidOperationException or IOException => new(ExitCodes.Failed, message),
            _ => new(ExitCodes.Failed, $"{e.GetType().Name}: {message}", IsBug: true),
        };
    }

    /// <summary>The innermost meaningful exception: a single-exception <see cref="AggregateException"/>, a <see cref="TargetInvocationException"/> or a <see cref="TypeInitializationException"/> is replaced by its inner exception.</summary>
    public static Exception Unwrap(Exception error)
    {
        var e = error;
        while (true)
        {
            switch (e)
            {
                case AggregateException a:
                    var inner = a.Flatten().InnerExceptions;
                    if (inner.Count == 0) return e;
                    e = inner[0]; // several failures of one parallel load: the first tells the story
                    continue;
                case TargetInvocationException { InnerException: { } t }:
                    e = t;
                    continue;
                case TypeInitializationException { InnerException: { } t }:
                    e = t;
                    continue;
                default:
                    return e;
            }
        }
    }

    /// <summary><paramref name="message"/> without .NET's <c> (Parameter 'name')</c> suffix and trailing blanks.</summary>
    public static string Clean(string message) => ParameterSuffix().Replace(message ?? "", "").TrimEnd();

    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)(?=\s*$)")]
    private static partial Regex ParameterSuffix();
}
