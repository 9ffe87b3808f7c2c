namespace Workbench.Training.Validation;

/// <summary>
/// Collects <see cref="ConfigError"/>s while a configuration is validated. <see cref="Scope"/> gives a
/// view that prefixes field names, so nested settings report full paths (<c>training.epochs</c>).
/// </summary>
public sealed class ConfigErrors
{
    private readonly List<ConfigError> _errors;
    private readonly string _prefix;

    /// <summary>An empty collector.</summary>
    public ConfigErrors() : this([], "") { }

    private ConfigErrors(List<ConfigError> errors, string prefix)
    {
        _errors = errors;
        _prefix = prefix;
    }

    /// <summary>Errors collected so far (shared by every scope of this collector).</summary>
    public IReadOnlyList<ConfigError> Errors => _errors;

    /// <summary>Whether no error was collected.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>A view whose field names are prefixed with <paramref name="name"/> and a dot.</summary>
    public ConfigErrors Scope(string name) => new(_errors, Qualify(name));

    /// <summary>Records an error for <paramref name="field"/> (relative to this scope).</summary>
    public void Add(string field, string message) => _errors.Add(new ConfigError(Qualify(field), message));

    /// <summary>Records an error unless <paramref name="condition"/> holds.</summary>
    public void Require(bool condition, string field, string message)
    {
        if (!condition) Add(field, message);
    }

    /// <summary>Throws <see cref="ConfigValidationException"/> when any error was collected.</summary>
    public void ThrowIfAny(string what)
    {
        if (_errors.Count > 0) throw new ConfigValidationException(what, _errors);
    }

    private string Qualify(string field) =>
        _prefix.Length == 0 ? field : field.Length == 0 ? _prefix : _prefix + "." + field;
}
