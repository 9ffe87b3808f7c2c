namespace Workbench.Tests.Models;

/// <summary>Small helpers shared by the model tests.</summary>
internal static class ModelAssert
{
    public static long ParameterCount(nn.Module module) => module.parameters().Sum(p => p.numel());

    public static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(a.shape, b.shape);
        using var d = (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).abs().max();
        return d.item<double>();
    }

    public static void Close(Tensor expected, Tensor actual, double atol, string what = "")
    {
        double diff = MaxAbsDiff(expected, actual);
        Assert.True(diff <= atol, $"{what} max |diff| = {diff:g4} > {atol:g4}");
    }

    public static bool Identical(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
