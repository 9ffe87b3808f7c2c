using Workbench.Training.Sessions;
using Workbench.Training.Validation;


namespace Workbench.Experiments;

/// <summary>
/// A trainable method the workbench can run, record, resume and compare (UCDIR, SPQ, facility
/// location, the built-in linear probe). Implement it by deriving from
/// <see cref="ExperimentMethod{TConfig}"/>; a public non-abstract class with a parameterless
/// constructor in the Workbench assembly is found by <see cref="ExperimentRegistry.Default"/> without
/// registering it anywhere.
/// </summary>
public interface IExperimentMethod
{
    /// <summary>Command-line name, lower case with dashes, e.g. <c>spq</c>, <c>linear-probe</c>.</summary>
    string Name { get; }

    /// <summary>One sentence for <c>workbench experiment list</c>.</summary>
    string Description { get; }

    /// <summary>The method's configuration record type (derives from <see cref="ExperimentConfig"/>).</summary>
    Type ConfigType { get; }

    /// <summary>The variants, the default first (e.g. <c>Seed</c>, <c>Official</c>).</summary>
    IReadOnlyList<string> Variants { get; }

    /// <summary>The preset labels this method defines.</summary>
    IReadOnlyList<PresetLabel> Presets { get; }

    /// <summary>The preset for <paramref name="label"/> and <paramref name="variant"/> (null: the default variant).</summary>
    /// <exception cref="ArgumentException">A label or variant the method does not define.</exception>
    ExperimentConfig CreatePreset(PresetLabel label, string? variant = null);

    /// <summary>Every problem of <paramref name="config"/>, each naming its field; empty when it can run.</summary>
    IReadOnlyList<ConfigError> Validate(ExperimentConfig config);

    /// <summary>Builds the model, data and optimizer inputs for one run. torch's default generator is already seeded with the run seed.</summary>
    TrainingSession CreateSession(ExperimentConfig config, SessionContext context);
}
