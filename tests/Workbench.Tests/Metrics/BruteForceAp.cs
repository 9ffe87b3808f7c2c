namespace Workbench.Tests.Metrics;

/// <summary>Average precision written as a plain loop, for tests that check the library's mAP against it.</summary>
internal static class BruteForceAp
{
    /// <summary>AP of one ranked list: the mean over relevant positions r (0-based) of (relevant items up to r) / (r + 1); 0 when none is relevant.</summary>
    public static double Of(bool[] relevantInRankOrder)
    {
        double sum = 0;
        int found = 0;
        for (int r = 0; r < relevantInRankOrder.Length; r++)
        {
            if (!relevantInRankOrder[r]) continue;
            found++;
            sum += found / (double)(r + 1);
        }
        return found == 0 ? 0 : sum / found;
    }
}
