using Workbench.Models.Weights;
using Workbench.Training.Validation;

namespace Workbench.Experiments.Configs;

/// <summary>
/// Turns a failure to start a run's backbone from its <c>init</c> checkpoint into what it is: an invalid setting
/// <c>init</c> (<see cref="ConfigValidationException"/>, bad input), with the loader's strict report of missing,
/// unexpected and mis-shaped keys and what to do. Nothing has been trained or recorded when this happens.
/// </summary>
internal static class InitProblem
{
    /// <summary>
    /// The configuration error for <paramref name="error"/>, thrown while <paramref name="experiment"/>'s session was built,
    /// when it comes from loading <c>init</c>; otherwise null (the error is about something else).
    /// </summary>
    public static ConfigValidationException? Of(Exception error, ResolvedExperiment experiment)
    {
        if (experiment.Config.Init is not { } init) return null;
        string? problem = error switch
        {
            WeightLoadException w =>
                $"'{init}' does not fit the {experiment.Method.Name} backbone at preset {experiment.Preset.Name()}; nothing was loaded or trained. " +
                $"{Report(w.Report)}\n  Give a checkpoint of the same backbone: architecture, input channels and widths ({Example(experiment)}), or leave init unset to start from random weights.",
            InvalidDataException or FileNotFoundException or UnauthorizedAccessException when error.Message.Contains(init, StringComparison.Ordinal) =>
                $"'{init}' is not a checkpoint the workbench can read ({error.Message.TrimEnd('.')}). Give a PyTorch .pth / .pth.tar / .pt written by " +
                "torch.save (PyTorch 1.6 or later), a .safetensors file or a TorchSharp state dict, or leave init unset to start from random weights.",
            _ => null,
        };
        return problem is null ? null : new ConfigValidationException($"{experiment.Method.Name} ({experiment.Preset.Name()}, {experiment.Config.Variant})", [new ConfigError("init", problem)]);
    }

    private static string Report(WeightLoadReport report) => report.ToString().Replace($"{report.Source}: ", "Strict load: ", StringComparison.Ordinal);

    private static string Example(ResolvedExperiment experiment) => experiment.Method.Name == "pretrain"
        ? "the encoder.safetensors of an earlier 'workbench pretrain' run with the same backbone"
        : $"the encoder.safetensors of a 'workbench pretrain --set target={experiment.Method.Name}' run whose backbone matches this preset's";
}
