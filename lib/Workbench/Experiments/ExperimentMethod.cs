using Workbench.Training.Sessions;
using Workbench.Training.Validation;


namespace Workbench.Experiments;

/// <summary>
/// Typed base of a method: presets are <typeparamref name="TConfig"/> records, validation and session
/// building receive the typed record. Variant names are matched case-insensitively and stored in
/// their canonical spelling.
/// </summary>
/// <typeparam name="TConfig">The method's configuration record.</typeparam>
public abstract class ExperimentMethod<TConfig> : IExperimentMethod where TConfig : ExperimentConfig
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public Type ConfigType => typeof(TConfig);

    /// <inheritdoc />
    public virtual IReadOnlyList<string> Variants { get; } = ["Seed", "Official"];

    /// <inheritdoc />
    public virtual IReadOnlyList<PresetLabel> Presets => PresetLabels.All;

    /// <summary>The typed preset; <paramref name="variant"/> is one of <see cref="Variants"/> in canonical spelling.</summary>
    protected abstract TConfig Preset(PresetLabel label, string variant);

    /// <summary>Method-specific checks, after the base record's (default: none).</summary>
    protected virtual void ValidateConfig(TConfig config, ConfigErrors errors) { }

    /// <summary>Builds the typed session.</summary>
    protected abstract TrainingSession BuildSession(TConfig config, SessionContext context);

    /// <inheritdoc />
    public ExperimentConfig CreatePreset(PresetLabel label, string? variant = null)
    {
        if (!Presets.Contains(label))
        {
            throw new ArgumentException($"Method '{Name}' has no '{label.Name()}' preset. Use one of: {string.Join(", ", Presets.Select(p => p.Name()))}.");
        }
        string canonical = CanonicalVariant(variant ?? Variants[0]);
        return Preset(label, canonical) with { Variant = canonical };
    }

    /// <inheritdoc />
    public IReadOnlyList<ConfigError> Validate(ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new ConfigErrors();
        if (config is not TConfig typed)
        {
            errors.Add("", $"expected a {typeof(TConfig).Name} for method '{Name}', got {config.GetType().Name}.");
            return errors.Errors;
        }
        config.Validate(errors);
        if (!Variants.Contains(config.Variant, StringComparer.Ordinal))
        {
            errors.Add("variant", $"'{config.Variant}' is not a variant of {Name}. Use one of: {string.Join(", ", Variants)}.");
        }
        ValidateConfig(typed, errors);
        return errors.Errors;
    }

    /// <inheritdoc />
    public TrainingSession CreateSession(ExperimentConfig config, SessionContext context)
    {
        var errors = Validate(config);
        if (errors.Count > 0) throw new ConfigValidationException(Name, errors);
        return BuildSession((TConfig)config, context);
    }

    /// <summary>The canonical spelling of <paramref name="variant"/>.</summary>
    /// <exception cref="ArgumentException">Not a variant of this method.</exception>
    protected string CanonicalVariant(string variant) =>
        Variants.FirstOrDefault(v => string.Equals(v, variant?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Method '{Name}' has no variant '{variant}'. Use one of: {string.Join(", ", Variants)}.");
}
