using Workbench.Training.Optimizers;

namespace Workbench.Tests.Training;

public class OptimizerFactoryTests
{
    /// <summary>Two steps on f(p) = 2p from p = 1, so the gradient is always 2.</summary>
    private static double[] TwoSteps(OptimizerSettings settings)
    {
        var p = new TorchSharp.Modules.Parameter(torch.tensor(new[] { 1.0 }, torch.float64));
        using var opt = OptimizerFactory.Create(settings, [p]);
        var trace = new double[2];
        for (int i = 0; i < 2; i++)
        {
            opt.zero_grad();
            using var loss = (p * 2).sum();
            loss.backward();
            opt.step();
            trace[i] = p.ToDouble();
        }
        return trace;
    }

    [Fact]
    public void Sgd_WithMomentumAndWeightDecay_MatchesTheHandComputedUpdates()
    {
        // g1 = 2 + 0.1*1 = 2.1; buf = 2.1; p = 1 - 0.1*2.1 = 0.79
        // g2 = 2 + 0.1*0.79 = 2.079; buf = 0.9*2.1 + 2.079 = 3.969; p = 0.79 - 0.3969 = 0.3931
        var trace = TwoSteps(new OptimizerSettings { Kind = OptimizerKind.Sgd, LearningRate = 0.1, Momentum = 0.9, WeightDecay = 0.1 });
        Assert.Equal(0.79, trace[0], 1e-12);
        Assert.Equal(0.3931, trace[1], 1e-12);
    }

    [Fact]
    public void Adam_MatchesTheHandComputedUpdates()
    {
        // Constant gradient g: m̂ = g and v̂ = g² at every step, so each step moves lr·g/(|g|+eps).
        var trace = TwoSteps(new OptimizerSettings { Kind = OptimizerKind.Adam, LearningRate = 0.01, Eps = 1e-8 });
        double step = 0.01 * 2 / (2 + 1e-8);
        Assert.Equal(1 - step, trace[0], 1e-12);
        Assert.Equal(1 - 2 * step, trace[1], 1e-12);
    }

    [Fact]
    public void RmsProp_MatchesTheHandComputedUpdates()
    {
        // v1 = 0.01*4 = 0.04, p = 1 - 0.01*2/(0.2+eps); v2 = 0.99*0.04 + 0.04 = 0.0796
        var trace = TwoSteps(new OptimizerSettings { Kind = OptimizerKind.RmsProp, LearningRate = 0.01, Alpha = 0.99, Eps = 1e-8 });
        double p1 = 1 - 0.01 * 2 / (Math.Sqrt(0.04) + 1e-8);
        Assert.Equal(p1, trace[0], 1e-12);
        Assert.Equal(p1 - 0.01 * 2 / (Math.Sqrt(0.0796) + 1e-8), trace[1], 1e-12);
    }

    [Fact]
    public void SetLearningRate_ChangesTheNextStep()
    {
        var p = new TorchSharp.Modules.Parameter(torch.tensor(new[] { 1.0 }, torch.float64));
        using var opt = OptimizerFactory.Create(new OptimizerSettings { Kind = OptimizerKind.Sgd, LearningRate = 0.1 }, [p]);
        OptimizerFactory.SetLearningRate(opt, 0.25);
        using var loss = (p * 2).sum();
        loss.backward();
        opt.step();
        Assert.Equal(0.5, p.ToDouble(), 1e-12);
    }

    [Fact]
    public void NoParameters_IsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create(new OptimizerSettings(), []));
        Assert.Contains("no trainable parameters", e.Message);
    }
}
