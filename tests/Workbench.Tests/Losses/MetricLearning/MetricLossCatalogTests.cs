using Workbench.Losses.MetricLearning;
using Workbench.Losses.MetricLearning.FacilityLocation;

namespace Workbench.Tests.Losses.MetricLearning;

public class MetricLossCatalogTests
{
    [Fact]
    public void Every_name_builds_a_loss_that_runs_on_a_two_per_class_batch()
    {
        using var raw = torch.randn(8, 4, generator: Workbench.Runtime.Seeding.NewGenerator("catalog", 1));
        using var x = nn.functional.normalize(raw, dim: 1);
        using var labels = torch.tensor(new long[] { 0, 1, 2, 3, 0, 1, 2, 3 });
        foreach (bool pml in new[] { false, true })
        {
            foreach (string name in MetricLossCatalog.Names)
            {
                using var loss = MetricLossCatalog.Create(name, GammaSchedule.Constant(1.0), pml);
                using var value = loss.forward(x, labels);
                Assert.True(value.isfinite().item<bool>(), loss.Describe());
                Assert.NotEmpty(loss.Describe());
            }
        }
        Assert.IsType<TripletLoss>(MetricLossCatalog.Create(" Triplet-SemiHard "));
        var e = Assert.Throws<ArgumentException>(() => MetricLossCatalog.Create("arcface"));
        Assert.Contains("facility-location", e.Message);
    }
}
