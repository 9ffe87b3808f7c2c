using TorchSharp.Modules;
using Workbench.Experiments;
using Workbench.Tests.Experiments;
using Workbench.Training;
using Workbench.Training.Optimizers;
using Workbench.Training.Schedules;
using Workbench.Training.Sessions;
using Workbench.Training.Validation;

namespace Workbench.Tests.Training;

/// <summary>
/// A test method defined outside the library (as a paper's method would be): a small regression
/// net with dropout (torch's default generator), batch order from a checkpointed torch generator,
/// a random batch offset from a checkpointed .NET stream, two named loss parts, and an optional
/// NaN injected at one global step.
/// </summary>
public sealed class ScriptedMethod : ExperimentMethod<ScriptedConfig>
{
    public override string Name => "scripted";

    public override string Description => "Test method: regression with dropout and every random source.";

    protected override ScriptedConfig Preset(PresetLabel label, string variant) => new()
    {
        Training = new TrainerSettings
        {
            Epochs = 6,
            Optimizer = new OptimizerSettings { Kind = OptimizerKind.Adam, LearningRate = 0.01, WeightDecay = 1e-4 },
            Schedule = new ScheduleSettings { Kind = ScheduleKind.Cosine },
        },
    };

    protected override void ValidateConfig(ScriptedConfig config, ConfigErrors errors)
    {
        errors.Require(config.Samples >= config.Batch, "batch", $"must not exceed samples ({config.Samples}).");
    }

    protected override TrainingSession BuildSession(ScriptedConfig config, SessionContext context) => new ScriptedSession(config, context);
}

public sealed record ScriptedConfig : ExperimentConfig
{
    public int Samples { get; init; } = 64;

    public int Batch { get; init; } = 8;

    public double Dropout { get; init; } = 0.2;

    /// <summary>Global step at which the loss becomes NaN (-1: never).</summary>
    public long NanAtStep { get; init; } = -1;

    /// <summary>Global step at which the gradient becomes NaN while the loss stays finite (-1: never).</summary>
    public long InfGradientAtStep { get; init; } = -1;

    /// <summary>Selection metric goal, to test best-epoch selection.</summary>
    public MetricGoal Goal { get; init; } = MetricGoal.Minimize;

    public IReadOnlyList<int> Tags { get; init; } = [1, 2];

    /// <summary>When not 1, the last layer gets its own parameter group with this learning-rate multiplier.</summary>
    public double HeadLrMultiplier { get; init; } = 1;
}

public sealed class ScriptedSession : TrainingSession
{
    private readonly ScriptedConfig _config;
    private readonly Sequential _model;
    private readonly Tensor _x;
    private readonly Tensor _y;
    private Tensor? _order;

    public ScriptedSession(ScriptedConfig config, SessionContext context)
    {
        _config = config;
        using var g = new torch.Generator(1234);
        _x = torch.randn([config.Samples, 6], generator: g);
        _y = (_x.sum(1, keepdim: true) * 0.5 + torch.randn([config.Samples, 1], generator: g) * 0.1);
        _model = nn.Sequential(nn.Linear(6, 12), nn.ReLU(), nn.Dropout(config.Dropout), nn.Linear(12, 1));
    }

    public override nn.Module Model => _model;

    public override int StepsPerEpoch => _config.Samples / _config.Batch;

    public override MetricSelection Selection => new("mse", _config.Goal);

    public override optim.Optimizer CreateOptimizer(OptimizerSettings settings)
    {
        if (_config.HeadLrMultiplier == 1) return base.CreateOptimizer(settings);
        var head = _model.named_parameters().Where(p => p.name.StartsWith("3.", StringComparison.Ordinal)).Select(p => p.parameter).ToList();
        var body = _model.named_parameters().Where(p => !p.name.StartsWith("3.", StringComparison.Ordinal)).Select(p => p.parameter).ToList();
        return optim.Adam([new TorchSharp.Modules.Adam.ParamGroup(body, lr: settings.LearningRate), new TorchSharp.Modules.Adam.ParamGroup(head, lr: settings.LearningRate * _config.HeadLrMultiplier)], settings.LearningRate);
    }

    public int BeginEpochCalls { get; private set; }

    public override void BeginEpoch(EpochContext context)
    {
        BeginEpochCalls++;
        _order?.Dispose();
        _order = torch.randperm(_config.Samples, generator: context.Session.Random.Generator("scripted/order")).DetachFromDisposeScope();
    }

    public override StepOutput TrainStep(StepContext context)
    {
        int shift = context.Session.Random.Random("scripted/shift").Next(_config.Batch);
        long start = ((long)context.StepInEpoch * _config.Batch + shift) % (_config.Samples - _config.Batch + 1);
        var idx = _order!.narrow(0, start, _config.Batch);
        var pred = _model.forward(_x.index_select(0, idx));
        var mse = (pred - _y.index_select(0, idx)).pow(2).mean();
        var l1 = pred.abs().mean() * 0.01;
        var loss = mse + l1;
        if (context.GlobalStep == _config.NanAtStep) loss = loss * double.NaN;
        if (context.GlobalStep == _config.InfGradientAtStep) loss = loss + (pred * 0).sqrt().sum(); // value 0, gradient NaN
        return new StepOutput(loss, ("mse", mse), ("l1", l1));
    }

    public override EvaluationResult Evaluate(EvaluationContext context)
    {
        var pred = _model.forward(_x);
        double mse = (pred - _y).pow(2).mean().ToDouble();
        var table = new PerQueryTable("query", "error");
        var err = (pred - _y).abs().squeeze(1).data<float>().ToArray();
        for (int i = 0; i < err.Length; i++) table.Add(i, err[i]);
        return new EvaluationResult(new Dictionary<string, double> { ["mse"] = mse, ["epoch"] = context.Epoch }, table);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _order?.Dispose();
            _x.Dispose();
            _y.Dispose();
        }
        base.Dispose(disposing);
    }
}
