using Workbench.Losses.Reducers;

namespace Workbench.Tests.Losses.Reducers;

public class ReducerTests
{
    [Fact]
    public void Reducers_follow_their_definitions()
    {
        using var t = torch.tensor(new double[] { 1, 0, 3, 0 });
        Assert.Equal(1.0, new MeanReducer().Reduce(t).item<double>());
        Assert.Equal(2.0, new AvgNonZeroReducer().Reduce(t).item<double>());
        Assert.Equal(4.0, new SumReducer().Reduce(t).item<double>());
    }

    [Fact]
    public void Empty_and_all_zero_terms_reduce_to_zero_with_a_graph()
    {
        using var empty = torch.zeros(0, requires_grad: true);
        using var zeros = torch.zeros(3, requires_grad: true);
        foreach (ILossReducer reducer in new ILossReducer[] { new MeanReducer(), new AvgNonZeroReducer(), new SumReducer() })
        {
            using var a = reducer.Reduce(empty);
            Assert.Equal(0f, a.item<float>());
            using var b = reducer.Reduce(zeros);
            Assert.Equal(0f, b.item<float>());
            Assert.True(b.requires_grad);
            b.backward();
            Assert.True(zeros.grad!.isfinite().all().item<bool>());
        }
    }

    [Fact]
    public void Avg_non_zero_differentiates_only_the_positive_terms()
    {
        using var t = torch.tensor(new double[] { 2, 0, 4 }, requires_grad: true);
        using var r = new AvgNonZeroReducer().Reduce(t);
        r.backward();
        Assert.Equal([0.5, 0, 0.5], t.grad!.data<double>().ToArray());
    }

    [Fact]
    public void A_matrix_is_rejected()
    {
        using var m = torch.zeros(2, 2);
        var e = Assert.Throws<ArgumentException>(() => new MeanReducer().Reduce(m));
        Assert.Contains("1-D", e.Message);
    }
}
