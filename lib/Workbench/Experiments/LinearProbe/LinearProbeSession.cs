using TorchSharp;
using static TorchSharp.torch;
using Workbench.Training.Sessions;

namespace Workbench.Experiments.LinearProbe;

/// <summary>
/// One linear-probe run: Gaussian blobs, a <see cref="LinearProbeNet"/>, cross-entropy on shuffled
/// mini-batches (a fresh permutation per epoch from the checkpointed <c>linear-probe/order</c>
/// generator), and evaluation by test accuracy and mean test cross-entropy with one row per test query.
/// </summary>
public sealed class LinearProbeSession : TrainingSession
{
    private readonly LinearProbeConfig _config;
    private readonly GaussianBlobs _data;
    private readonly LinearProbeNet _model;
    private Tensor? _order;

    /// <summary>Builds data and model for <paramref name="config"/> on the context's device.</summary>
    public LinearProbeSession(LinearProbeConfig config, SessionContext context)
    {
        _config = config;
        _data = GaussianBlobs.Generate(config.Dimensions, config.Classes, config.TrainPerClass, config.TestPerClass,
            config.Separation, config.Spread, config.DataSeed, context.Device);
        _model = new LinearProbeNet(config.Dimensions, config.Classes, config.Hidden, context.Device);
    }

    /// <inheritdoc />
    public override nn.Module Model => _model;

    /// <inheritdoc />
    public override int StepsPerEpoch => _config.Classes * _config.TrainPerClass / _config.BatchSize;

    /// <inheritdoc />
    public override MetricSelection Selection { get; } = new("accuracy", MetricGoal.Maximize);

    /// <inheritdoc />
    public override void BeginEpoch(EpochContext context)
    {
        _order?.Dispose();
        var g = context.Session.Random.Generator("linear-probe/order");
        _order = randperm(_data.TrainX.shape[0], generator: g, device: context.Session.Device).DetachFromDisposeScope();
    }

    /// <inheritdoc />
    public override StepOutput TrainStep(StepContext context)
    {
        var order = _order ?? throw new InvalidOperationException("BeginEpoch was not called.");
        long start = (long)context.StepInEpoch * _config.BatchSize;
        var idx = order.narrow(0, start, _config.BatchSize);
        var x = _data.TrainX.index_select(0, idx);
        var y = _data.TrainY.index_select(0, idx);
        var loss = nn.functional.cross_entropy(_model.forward(x), y);
        return new StepOutput(loss);
    }

    /// <inheritdoc />
    public override EvaluationResult Evaluate(EvaluationContext context)
    {
        var logits = _model.forward(_data.TestX);
        var loss = nn.functional.cross_entropy(logits, _data.TestY).ToDouble();
        var probs = nn.functional.softmax(logits, 1);
        var (confidence, predicted) = probs.max(1);
        var correct = predicted.eq(_data.TestY);
        double accuracy = correct.to_type(float64).mean().ToDouble();
        var table = new PerQueryTable("query", "label", "predicted", "confidence", "correct");
        var labels = _data.TestY.cpu().data<long>().ToArray();
        var preds = predicted.cpu().data<long>().ToArray();
        var confs = confidence.cpu().data<float>().ToArray();
        for (int i = 0; i < labels.Length; i++) table.Add(i, labels[i], preds[i], confs[i], labels[i] == preds[i]);
        return new EvaluationResult(new Dictionary<string, double> { ["accuracy"] = accuracy, ["loss"] = loss }, table);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _order?.Dispose();
            _data.Dispose();
        }
        base.Dispose(disposing);
    }
}
