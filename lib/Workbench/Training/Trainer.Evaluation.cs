using System.Diagnostics;
using TorchSharp;
using Workbench.Training.Records;
using Workbench.Training.Sessions;
using static TorchSharp.torch;

namespace Workbench.Training;

/// <summary>Evaluation and best-epoch selection of the <see cref="Trainer"/>.</summary>
public sealed partial class Trainer
{
    private EvaluationResult Evaluate(int epoch, bool final)
    {
        _session.Model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var result = _session.Evaluate(new EvaluationContext(epoch, State.Step, final, _context))
                ?? throw new InvalidOperationException($"{_session.GetType().Name}.Evaluate returned null.");
            foreach (var name in result.Metrics.Keys)
            {
                if (!CsvText.IsPlainName(name)) throw new InvalidOperationException($"Metric name '{name}' must be non-empty without commas, quotes or line breaks.");
            }
            return result;
        }
        finally
        {
            _session.Model.train();
        }
    }

    private bool UpdateBest(int epoch, EvaluationResult evaluation)
    {
        var metrics = evaluation.Metrics.ToDictionary();
        State.Last = new EvaluationSnapshot("last", epoch, State.Step, metrics);
        var selection = _session.Selection;
        if (selection is null)
        {
            State.Best = State.Last with { Label = "best" };
            return true;
        }
        if (!metrics.TryGetValue(selection.Metric, out double value))
        {
            throw new InvalidOperationException(
                $"{_session.GetType().Name} selects the best epoch by '{selection.Metric}', but its evaluation returned only: {string.Join(", ", metrics.Keys)}.");
        }
        if (State.Best is null || !State.Best.Metrics.TryGetValue(selection.Metric, out double best) || selection.IsBetter(value, best))
        {
            State.Best = State.Last with { Label = "best" };
            return true;
        }
        return false;
    }
}
