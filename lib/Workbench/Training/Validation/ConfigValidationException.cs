namespace Workbench.Training.Validation;

/// <summary>A configuration that cannot run: every problem found, each naming its field.</summary>
public sealed class ConfigValidationException : Exception
{
    /// <summary>Creates the exception; the message lists every error on its own line.</summary>
    /// <param name="what">What was being configured, e.g. <c>linear-probe (smoke)</c>.</param>
    /// <param name="errors">The problems, at least one.</param>
    public ConfigValidationException(string what, IReadOnlyList<ConfigError> errors)
        : base(Format(what, errors))
    {
        Errors = errors.ToArray();
    }

    /// <summary>The problems found.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Format(string what, IReadOnlyList<ConfigError> errors)
    {
        string head = errors.Count == 1
            ? $"The configuration of {what} is invalid:"
            : $"The configuration of {what} has {errors.Count} problems:";
        return head + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
