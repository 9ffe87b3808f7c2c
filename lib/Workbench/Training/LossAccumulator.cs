namespace Workbench.Training;

/// <summary>Running means of named losses over an epoch's steps, in first-seen order.</summary>
internal sealed class LossAccumulator
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, (double Sum, int Count)> _sums = new(StringComparer.Ordinal);

    public void Add(IReadOnlyList<(string Name, double Value)> values)
    {
        foreach (var (name, value) in values)
        {
            if (!_sums.TryGetValue(name, out var s))
            {
                _names.Add(name);
                s = (0, 0);
            }
            _sums[name] = (s.Sum + value, s.Count + 1);
        }
    }

    public Dictionary<string, double> Means()
    {
        var means = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in _names)
        {
            var (sum, count) = _sums[name];
            means[name] = sum / count;
        }
        return means;
    }
}
