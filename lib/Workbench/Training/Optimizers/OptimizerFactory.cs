using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Training.Optimizers;

/// <summary>Builds a TorchSharp optimizer from <see cref="OptimizerSettings"/>.</summary>
public static class OptimizerFactory
{
    /// <summary>Creates the optimizer over <paramref name="parameters"/> (one parameter group).</summary>
    /// <exception cref="ArgumentException">No parameters, or an unknown kind.</exception>
    public static optim.Optimizer Create(OptimizerSettings settings, IEnumerable<TorchSharp.Modules.Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var list = parameters.ToList();
        if (list.Count == 0) throw new ArgumentException("The model has no trainable parameters; nothing to optimize.", nameof(parameters));
        return settings.Kind switch
        {
            OptimizerKind.Sgd => optim.SGD(list, settings.LearningRate, settings.Momentum, settings.Dampening,
                settings.WeightDecay, settings.Nesterov),
            OptimizerKind.Adam => optim.Adam(list, settings.LearningRate, settings.Beta1, settings.Beta2, settings.Eps,
                settings.WeightDecay),
            OptimizerKind.RmsProp => optim.RMSProp(list, settings.LearningRate, settings.Alpha, settings.Eps,
                settings.WeightDecay, settings.Momentum, settings.Centered),
            _ => throw new ArgumentException($"Unknown optimizer kind {settings.Kind}.", nameof(settings)),
        };
    }

    /// <summary>Sets every parameter group's learning rate to <paramref name="learningRate"/>.</summary>
    public static void SetLearningRate(optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }
}
