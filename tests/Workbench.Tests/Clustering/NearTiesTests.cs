using Workbench.Clustering;
using static TorchSharp.torch;

namespace Workbench.Tests.Clustering;

public class NearTiesTests
{
    [Fact]
    public void FirstMax_TakesTheLowestIndexWithinTheRelativeTolerance()
    {
        Assert.Equal(1, NearTies.FirstMax([1.0, 100.0, 100.0 * (1 + 5e-11), 99.0]));
        Assert.Equal(2, NearTies.FirstMax([1.0, 100.0, 100.0 * (1 + 5e-10), 99.0])); // beyond 1e-10: a real difference
        Assert.Equal(0, NearTies.FirstMax([-50.0, -50.0 * (1 - 5e-11)]));
        Assert.Equal(1, NearTies.FirstMax([double.NegativeInfinity, 3.0, double.NegativeInfinity]));
        Assert.Equal(0, NearTies.FirstMax([double.NegativeInfinity, double.NegativeInfinity]));
        Assert.Equal(0, NearTies.FirstMax([]));
    }

    [Fact]
    public void FirstMin_TakesTheLowestIndexWithinTheRelativeTolerance()
    {
        Assert.Equal(1, NearTies.FirstMin([5.0, 2.0 * (1 + 5e-11), 2.0, 3.0]));
        Assert.Equal(2, NearTies.FirstMin([5.0, 2.0 * (1 + 5e-10), 2.0]));
        Assert.Equal(0, NearTies.FirstMin([0.0, 0.0]));
    }

    [Fact]
    public void RowMin_BreaksNearTiesToTheLowestColumn()
    {
        using var scope = NewDisposeScope();
        var values = tensor(new double[,] { { 3.0, 1.0 + 1e-12, 1.0, 2.0 }, { 4.0, 4.0, 4.0, 4.0 }, { 2.0, 1.0, 1.0 + 1e-6, 0.5 } });
        var (min, index) = NearTies.RowMin(values, tensor(new double[] { 1.0, 1.0, 1.0 }));
        Assert.Equal(new long[] { 1, 0, 3 }, index.data<long>().ToArray());
        Assert.Equal(new[] { 1.0, 4.0, 0.5 }, min.data<double>().ToArray());
    }

    [Fact]
    public void KMeansAssignment_SendsAPointEquidistantToTwoCentroidsToTheLowerIndex()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[,] { { 0.0, 0.0 }, { 3.0, 0.0 } });
        var (labels, _) = KMeans.Assign(x, tensor(new double[,] { { 1.0, 0.0 }, { -1.0, 0.0 } }));
        Assert.Equal(new long[] { 0, 0 }, labels.data<long>().ToArray());
        var (swapped, _) = KMeans.Assign(x, tensor(new double[,] { { -1.0, 0.0 }, { 1.0, 0.0 } }));
        Assert.Equal(new long[] { 0, 1 }, swapped.data<long>().ToArray());
    }
}
