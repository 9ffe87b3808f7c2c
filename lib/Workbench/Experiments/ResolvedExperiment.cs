using Workbench.Experiments;
using Workbench.Experiments.Configs;

namespace Workbench.Experiments;

/// <summary>A method with its preset, overrides applied and validated: ready to run, with its configuration hash.</summary>
/// <param name="Method">The method.</param>
/// <param name="Preset">The preset label it started from.</param>
/// <param name="Config">The resolved, valid configuration.</param>
/// <param name="Overrides">The overrides applied, as <c>path=value (source)</c>.</param>
/// <param name="ConfigHash">SHA-256 hex of method, preset and configuration (<see cref="Configs.ConfigHash"/>).</param>
public sealed record ResolvedExperiment(IExperimentMethod Method, PresetLabel Preset, ExperimentConfig Config, IReadOnlyList<string> Overrides, string ConfigHash)
{
    /// <summary>The same experiment with another seed (and so another hash).</summary>
    public ResolvedExperiment WithSeed(long seed)
    {
        var config = Config with { Seed = seed };
        return this with { Config = config, ConfigHash = Configs.ConfigHash.Compute(Method.Name, Preset, config) };
    }

    /// <summary>The run id for this experiment: <c>method-preset-s&lt;seed&gt;-&lt;hash prefix&gt;</c>.</summary>
    public string BaseRunId => $"{Method.Name}-{Preset.Name()}-s{Config.Seed}-{ConfigHash[..8]}";
}
