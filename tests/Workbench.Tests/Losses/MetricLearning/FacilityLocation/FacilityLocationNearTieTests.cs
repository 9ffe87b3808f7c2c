using Workbench.Losses.MetricLearning.FacilityLocation;

namespace Workbench.Tests.Losses.MetricLearning.FacilityLocation;

public class FacilityLocationNearTieTests
{
    [Fact]
    public void GreedyAndPam_BreakNearTiesToTheLowestIndex()
    {
        // Candidates 1 and 2 have total distances 4 and 4 − 4e-12: a rounding-level difference. The strictly
        // larger score (item 2) used to win; within 1e-10 relative the lower index does.
        double e = 2 - 4e-12;
        double[] d =
        [
            0, 1, 1, 5,
            1, 0, 1, 2,
            1, 1, 0, e,
            5, 2, e, 0,
        ];
        var solution = new FacilityLocationInference().Solve(d, [7, 7, 7, 7], gamma: 0);
        Assert.Equal([1], solution.Medoids);

        // A real difference (1e-6 relative) still decides.
        double f = 2 - 4e-6;
        double[] clear = [0, 1, 1, 5, 1, 0, 1, 2, 1, 1, 0, f, 5, 2, f, 0];
        Assert.Equal([2], new FacilityLocationInference().Solve(clear, [7, 7, 7, 7], gamma: 0).Medoids);
    }
}
