namespace Workbench.Retrieval;

/// <summary>
/// Bounded max-heap of the k best (smallest) (distance, id) pairs seen so far. The worst entry is
/// the largest distance, ties broken by the larger id, so scanning ids in ascending order and
/// admitting only strictly smaller distances yields the stable "distance, then id" top-k.
/// </summary>
internal sealed class TopKHeap
{
    private readonly float[] _dist;
    private readonly int[] _id;

    public TopKHeap(int capacity)
    {
        _dist = new float[Math.Max(capacity, 1)];
        _id = new int[Math.Max(capacity, 1)];
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>Distance a candidate must be strictly below to enter: +∞ until the heap is full.</summary>
    public float Threshold => Count < Capacity ? float.PositiveInfinity : _dist[0];

    public void Clear() => Count = 0;

    /// <summary>Offers a candidate whose id is larger than every id offered before.</summary>
    public void Push(float distance, int id)
    {
        if (Count < Capacity)
        {
            int i = Count++;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!Worse(distance, id, _dist[parent], _id[parent])) break;
                _dist[i] = _dist[parent];
                _id[i] = _id[parent];
                i = parent;
            }
            _dist[i] = distance;
            _id[i] = id;
            return;
        }
        if (Capacity == 0 || !(distance < _dist[0])) return;
        SiftDown(distance, id, Count);
    }

    /// <summary>Writes the entries best first (ascending distance, then ascending id) and empties the heap.</summary>
    public void DrainSorted(Span<int> ids, Span<float> distances)
    {
        int n = Count;
        for (int last = n - 1; last >= 0; last--)
        {
            ids[last] = _id[0];
            distances[last] = _dist[0];
            float d = _dist[last];
            int i = _id[last];
            Count = last;
            if (last > 0) SiftDown(d, i, last);
        }
        Count = 0;
    }

    private void SiftDown(float distance, int id, int size)
    {
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && Worse(_dist[child + 1], _id[child + 1], _dist[child], _id[child])) child++;
            if (!Worse(_dist[child], _id[child], distance, id)) break;
            _dist[i] = _dist[child];
            _id[i] = _id[child];
            i = child;
        }
        _dist[i] = distance;
        _id[i] = id;
    }

    private static bool Worse(float d1, int i1, float d2, int i2) => d1 > d2 || (d1 == d2 && i1 > i2);
}
