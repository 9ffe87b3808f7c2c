namespace Workbench.Losses.MetricLearning.FacilityLocation;

/// <summary>PAM refinement sweeps (paper Alg. 2, TF contrib's <c>update_all_medoids</c>).</summary>
public sealed partial class FacilityLocationInference
{
    /// <summary>
    /// One PAM sweep: memberships C_t fixed from g(S) at the start; for t = 0…|S|−1 the member j of
    /// C_t (ascending, first best wins) maximising −Σ_{i∈C_t} D_ij + γ(1 − score(g(S with s_t := j), y*))
    /// becomes s_t, and g(S) is updated before the next cluster.
    /// </summary>
    /// <exception cref="InvalidOperationException">No medoids yet.</exception>
    public void RunPamSweep()
    {
        BeginPamSweep();
        for (int t = 0; t < _count; t++) PamStep(t);
    }

    /// <summary>Fixes the memberships C_t for a sweep from the current g(S).</summary>
    internal void BeginPamSweep()
    {
        EnsureLoaded();
        if (_count == 0) throw new InvalidOperationException("Run the greedy stage (or SetMedoids) before a PAM sweep.");
        BuildMembers();
        UpdateNearestTwo();
    }

    /// <summary>Members of C_t (fixed at the sweep start), ascending.</summary>
    internal ReadOnlySpan<int> SweepMembers(int t) => _members.AsSpan(_memberStart[t], _memberStart[t + 1] - _memberStart[t]);

    /// <summary>Replaces s_t by the first best member of C_t.</summary>
    internal void PamStep(int t)
    {
        var members = SweepMembers(t);
        var scores = _scores.AsSpan(0, members.Length);
        ScoreSwapCandidates(t, scores);
        int best = members[FirstBest(scores)];
        if (best != _medoids[t]) ReplaceMedoid(t, best);
    }

    /// <summary>scores[k] = −Σ_{i∈C_t} D_ij + γ(1 − score(g(S with s_t := j), y*)) for the k-th member j of C_t.</summary>
    internal void ScoreSwapCandidates(int t, Span<double> scores)
    {
        var members = SweepMembers(t);
        bool needScore = _gamma != 0;
        for (int k = 0; k < members.Length; k++)
        {
            int j = members[k];
            double within = 0;
            foreach (int i in members) within += _d[i * _m + j];
            double score = -within;
            if (needScore)
            {
                int moved = CollectSwapMoves(t, j);
                double clustering = _table.TrialScore(_moved.AsSpan(0, moved), _targets.AsSpan(0, moved), _undo, Options.MarginType, Options.Normalization, _count);
                score += _gamma * (1.0 - clustering);
            }
            scores[k] = score;
        }
    }

    /// <summary>Items whose cluster changes when s_t is replaced by <paramref name="candidate"/>, into _moved/_targets.</summary>
    private int CollectSwapMoves(int t, int candidate)
    {
        var row = _d.AsSpan(candidate * _m, _m);
        int moved = 0;
        for (int i = 0; i < _m; i++)
        {
            int p = _medoidPosition[i];
            if (p >= 0 && p != t) continue; // other medoids stay with themselves
            int next;
            if (i == candidate)
            {
                next = t;
            }
            else
            {
                int other;
                double otherDistance;
                if (_near1[i] != t)
                {
                    other = _near1[i];
                    otherDistance = _dist1[i];
                }
                else
                {
                    other = _near2[i];
                    otherDistance = _dist2[i];
                }
                double v = row[i];
                next = other < 0 || v < otherDistance || (v == otherDistance && t < other) ? t : other;
            }
            if (next != _assign[i])
            {
                _moved[moved] = i;
                _targets[moved++] = next;
            }
        }
        return moved;
    }

    private void ReplaceMedoid(int t, int item)
    {
        _medoidPosition[_medoids[t]] = -1;
        _medoids[t] = item;
        _medoidPosition[item] = t;
        UpdateNearestTwo();
        for (int i = 0; i < _m; i++)
        {
            int p = _medoidPosition[i];
            int next = p >= 0 ? p : _near1[i];
            _assign[i] = next;
            _minDistance[i] = p >= 0 ? 0.0 : _dist1[i];
            _table.Move(i, next);
        }
    }

    /// <summary>Nearest and second-nearest medoid position of every item (unforced, earliest position on ties).</summary>
    private void UpdateNearestTwo()
    {
        _near1.AsSpan(0, _m).Fill(-1);
        _near2.AsSpan(0, _m).Fill(-1);
        _dist1.AsSpan(0, _m).Fill(double.PositiveInfinity);
        _dist2.AsSpan(0, _m).Fill(double.PositiveInfinity);
        for (int p = 0; p < _count; p++)
        {
            var row = _d.AsSpan(_medoids[p] * _m, _m);
            for (int i = 0; i < _m; i++)
            {
                double v = row[i];
                if (v < _dist1[i])
                {
                    _near2[i] = _near1[i];
                    _dist2[i] = _dist1[i];
                    _near1[i] = p;
                    _dist1[i] = v;
                }
                else if (v < _dist2[i])
                {
                    _near2[i] = p;
                    _dist2[i] = v;
                }
            }
        }
    }

    /// <summary>Buckets items by their current cluster (ascending item index within a cluster).</summary>
    private void BuildMembers()
    {
        Array.Clear(_memberStart, 0, _count + 1);
        for (int i = 0; i < _m; i++) _memberStart[_assign[i] + 1]++;
        for (int t = 0; t < _count; t++) _memberStart[t + 1] += _memberStart[t];
        Span<int> fill = _count <= 256 ? stackalloc int[_count] : new int[_count];
        for (int t = 0; t < _count; t++) fill[t] = _memberStart[t];
        for (int i = 0; i < _m; i++) _members[fill[_assign[i]]++] = i;
    }
}
