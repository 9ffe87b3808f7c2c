using Workbench.Clustering;

namespace Workbench.Losses.MetricLearning.FacilityLocation;

/// <summary>Greedy loss-augmented selection (paper Alg. 1) and explicit medoid sets.</summary>
public sealed partial class FacilityLocationInference
{
    /// <summary>
    /// Greedy stage: from S = ∅, |Y| times add the candidate c ∉ S (ascending index, first best
    /// wins) maximising F(X, S ∪ {c}) + γ(1 − score(g(S ∪ {c}), y*)) on the partial clustering.
    /// </summary>
    public void RunGreedy()
    {
        EnsureLoaded();
        ClearMedoids();
        for (int position = 0; position < _classes; position++) GreedyStep();
    }

    /// <summary>Adds the first best candidate at the next position.</summary>
    internal void GreedyStep()
    {
        ScoreGreedyCandidates(_scores);
        AddMedoid(FirstBest(_scores.AsSpan(0, _m)));
    }

    /// <summary>
    /// scores[c] = F(X, S ∪ {c}) + γ(1 − score(g(S ∪ {c}), y*)) for every c ∉ S (−∞ for medoids), with
    /// c joining at the next position.
    /// </summary>
    internal void ScoreGreedyCandidates(Span<double> scores)
    {
        int position = _count;
        bool needScore = _gamma != 0;
        for (int c = 0; c < _m; c++)
        {
            if (_medoidPosition[c] >= 0)
            {
                scores[c] = double.NegativeInfinity;
                continue;
            }
            int moved = CollectGreedyMoves(c, position, out double sum);
            double score = -sum;
            if (needScore)
            {
                double clustering = _table.TrialScore(_moved.AsSpan(0, moved), _targets.AsSpan(0, moved), _undo, Options.MarginType, Options.Normalization, position + 1);
                score += _gamma * (1.0 - clustering);
            }
            scores[c] = score;
        }
    }

    /// <summary>
    /// Index of the first maximum (TF's argmax: first index on ties), where scores within
    /// <see cref="NearTies.RelativeTolerance"/> of the maximum count as tied, so rounding noise cannot pick the medoid.
    /// </summary>
    private static int FirstBest(ReadOnlySpan<double> scores) => NearTies.FirstMax(scores);

    /// <summary>
    /// Replaces the medoids by <paramref name="medoids"/> (item indices in position order) and
    /// recomputes g(S): for evaluating a given set, e.g. in tests or notebooks.
    /// </summary>
    /// <exception cref="ArgumentException">An index out of range or repeated.</exception>
    public void SetMedoids(ReadOnlySpan<int> medoids)
    {
        EnsureLoaded();
        ClearMedoids();
        foreach (int s in medoids)
        {
            if (s < 0 || s >= _m) throw new ArgumentException($"Medoid index {s} is outside 0…{_m - 1}.", nameof(medoids));
            if (_medoidPosition[s] >= 0) throw new ArgumentException($"Medoid {s} appears twice.", nameof(medoids));
            AddMedoid(s);
        }
    }

    /// <summary>
    /// Items whose assignment changes when <paramref name="candidate"/> joins S at
    /// <paramref name="position"/> (the candidate itself, and non-medoids strictly closer to it than
    /// to their medoid), written to _moved/_targets; <paramref name="sum"/> = Σ_i min(current, D_ci).
    /// </summary>
    private int CollectGreedyMoves(int candidate, int position, out double sum)
    {
        var row = _d.AsSpan(candidate * _m, _m);
        var current = _minDistance.AsSpan(0, _m);
        int moved = 0;
        double total = 0;
        for (int i = 0; i < row.Length; i++)
        {
            double v = row[i];
            double cur = current[i];
            if (v < cur)
            {
                total += v;
                if (_medoidPosition[i] < 0 && i != candidate)
                {
                    _moved[moved] = i;
                    _targets[moved++] = position;
                }
            }
            else
            {
                total += cur;
            }
        }
        _moved[moved] = candidate;
        _targets[moved++] = position;
        sum = total;
        return moved;
    }

    private void AddMedoid(int item)
    {
        int position = _count++;
        _medoids[position] = item;
        _medoidPosition[item] = position;
        var row = _d.AsSpan(item * _m, _m);
        for (int i = 0; i < _m; i++)
        {
            if (_medoidPosition[i] >= 0 && i != item) continue;
            if (i == item || row[i] < _minDistance[i])
            {
                _minDistance[i] = row[i];
                _assign[i] = position;
                _table.Move(i, position);
            }
        }
    }

    private void EnsureLoaded()
    {
        if (_m == 0) throw new InvalidOperationException("Load a batch first (Load or Solve).");
    }
}
