using System.Globalization;
using Workbench.Training.Validation;

namespace Workbench.Experiments;

/// <summary>
/// Checks a notebook's parameters with the library's own validation, in the cell right after the parameters cell, so
/// that a bad value stops the notebook before any work with one message: the parameter, the value, what the library
/// allows and what to do. <c>workbench notebook run</c> turns the <see cref="NotebookParameterException"/> into exit 2.
/// </summary>
public static class NotebookParameters
{
    /// <summary>The preset named by <paramref name="preset"/> (parameter <c>preset</c>): <c>smoke</c>, <c>reduced</c> or <c>paper</c>.</summary>
    /// <exception cref="NotebookParameterException">Not a preset.</exception>
    public static PresetLabel Preset(string preset) => Check("preset", preset, () => PresetLabels.Parse(preset));

    /// <summary>
    /// Runs <paramref name="check"/> (a library parse or validation of <paramref name="value"/>) and returns its result; an
    /// <see cref="ArgumentException"/>, <see cref="FormatException"/> or <see cref="ConfigValidationException"/> it throws
    /// becomes a <see cref="NotebookParameterException"/> naming parameter <paramref name="name"/>.
    /// </summary>
    /// <exception cref="NotebookParameterException">The library refused the value.</exception>
    public static T Check<T>(string name, object? value, Func<T> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        try
        {
            return check();
        }
        catch (NotebookParameterException)
        {
            throw;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or ConfigValidationException)
        {
            string why = e is ConfigValidationException c ? string.Join(" ", c.Errors.Select(x => x.ToString())) : e.Message;
            throw Refused(name, value, why);
        }
    }

    /// <summary>
    /// <paramref name="config"/> (a preset changed by parameter <paramref name="name"/>) when the library's validation accepts it;
    /// its errors name the setting, its allowed values and why.
    /// </summary>
    /// <exception cref="NotebookParameterException">The configuration is invalid with that value.</exception>
    public static TConfig Valid<TConfig>(string name, object? value, TConfig config) where TConfig : ExperimentConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        return Check(name, value, () =>
        {
            var errors = new ConfigErrors();
            config.Validate(errors);
            errors.ThrowIfAny($"the notebook's {config.GetType().Name}");
            return config;
        });
    }

    /// <summary><paramref name="value"/> when it is at least <paramref name="minimum"/>.</summary>
    /// <exception cref="NotebookParameterException">Below <paramref name="minimum"/>.</exception>
    public static int AtLeast(string name, int value, int minimum) =>
        value >= minimum ? value : throw Refused(name, value, $"it must be at least {minimum.ToString(CultureInfo.InvariantCulture)}.");

    private static NotebookParameterException Refused(string name, object? value, string why) => new(name,
        $"Notebook parameter '{name}' = '{Convert.ToString(value, CultureInfo.InvariantCulture)}' is not valid: {why.Trim().TrimEnd('.')}. " +
        $"Run again with -p {name}=<an allowed value> (or without -p {name} for the notebook's default).");
}
