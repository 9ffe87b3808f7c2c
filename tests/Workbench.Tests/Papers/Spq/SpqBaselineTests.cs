using Workbench.Data;
using Workbench.Experiments;
using Workbench.Experiments.Configs;
using Workbench.Experiments.Records;
using Workbench.Papers.Spq;
using Workbench.Papers.Spq.Baselines;
using Workbench.Retrieval;
using Workbench.Tests.Training;
using Workbench.Training;
using Workbench.Training.Records;
using Workbench.Training.Validation;

namespace Workbench.Tests.Papers.Spq;

public sealed class SpqBaselineTests
{
    private static readonly SpqDataSettings TinyData = new() { Dataset = "synthetic", SyntheticPerClassPerDomain = 12, ImageSize = 16, QueryFraction = 0.25 };

    [Theory]
    [InlineData(SpqBaselineKind.PqPixels, 16)]
    [InlineData(SpqBaselineKind.PqPixels, 64)]
    [InlineData(SpqBaselineKind.PqPca, 32)]
    [InlineData(SpqBaselineKind.PqPca, 64)]
    public void PqBaselinesStoreBBitCodes(SpqBaselineKind kind, int bits)
    {
        using var dir = new TempDirectory();
        var result = Run(dir.Path, Config(kind, bits));
        var index = PqIndex.Load(Path.Combine(result.Directory, SpqRunFiles.Index));
        Assert.Equal(bits, index.Quantizer.CodeBits);
        Assert.Equal(bits / 4, index.Quantizer.SubspaceCount);
        Assert.Equal(16, index.Quantizer.CodewordCount);
        using var data = SpqData.Load(TinyData);
        Assert.Equal(data.Database.Count, index.Count);
        int expectedDimension = kind == SpqBaselineKind.PqPca ? bits / 4 * 16 : 3 * 16 * 16;
        Assert.Equal(expectedDimension, index.Quantizer.Dimension);
        Assert.InRange(result.Metrics!.Final!.Metrics["mAP@20"], 0.0, 1.0);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    public void LshStoresBSignBits(int bits)
    {
        using var data = SpqData.Load(TinyData);
        var pixels = PixelVectors.Load(data.Database);
        using var lsh = RandomHyperplaneLsh.Fit(PixelVectors.Load(data.Train), bits, seed: 1);
        var codes = lsh.Encode(pixels);
        Assert.Equal(data.Database.Count, codes.Length);
        if (bits < 64) Assert.All(codes, c => Assert.True(c >> bits == 0, $"code {c:X} uses more than {bits} bits"));
        // Every bit position is used by some code and left clear by another (centred hyperplanes split the data).
        for (int b = 0; b < bits; b++)
        {
            Assert.Contains(codes, c => ((c >> b) & 1) == 1);
            Assert.Contains(codes, c => ((c >> b) & 1) == 0);
        }
        // Bit b is the sign of (x - mean) . w_b, checked on one vector.
        var mean = PixelVectors.Load(data.Train).to(ScalarType.Float64).mean([0]);
        var projection = (pixels[3].to(ScalarType.Float64) - mean).matmul(lsh.Planes.to(ScalarType.Float64)).data<double>().ToArray();
        for (int b = 0; b < bits; b++) Assert.Equal(projection[b] > 0, ((codes[3] >> b) & 1) == 1);
    }

    [Fact]
    public void PixelVectorsArePaddedWithZeros()
    {
        using var data = SpqData.Load(TinyData);
        var vectors = PixelVectors.Load(data.Queries, multipleOf: 10);
        Assert.Equal(770, vectors.shape[1]); // 768 pixels padded to a multiple of 10
        Assert.Equal(0.0, vectors.narrow(1, 768, 2).abs().sum().item<float>());
        Assert.True(vectors.narrow(1, 0, 768).allclose(data.Queries.LoadFloat(Enumerable.Range(0, data.Queries.Count).ToArray()).reshape(data.Queries.Count, 768)));
    }

    [Fact]
    public void TheFitOnlyMethodIsRecordedAndReusedLikeAnyRun()
    {
        using var dir = new TempDirectory();
        var config = Config(SpqBaselineKind.Lsh, 32);
        var first = Run(dir.Path, config);
        Assert.False(first.Reused);
        Assert.Equal(RunStatus.Finished, first.Status);
        Assert.Equal("LSH", first.Manifest.Variant);
        Assert.Equal(SpqBaselineMethod.MethodName, first.Manifest.Method);
        Assert.True(File.Exists(Path.Combine(first.Directory, RunFiles.PerQuery)));
        Assert.True(File.Exists(Path.Combine(first.Directory, SpqRunFiles.BinaryCodes)));
        Assert.Equal(first.Metrics!.Final!.Metrics, first.Metrics.Best!.Metrics);
        Assert.False(first.Manifest.Config.TryGetProperty("training", out _)); // nothing trains: not part of its identity
        var second = Run(dir.Path, config);
        Assert.True(second.Reused);
        Assert.Equal(first.Directory, second.Directory);
        Assert.Equal(first.Metrics!.Final!.Metrics["mAP@20"], second.Metrics!.Final!.Metrics["mAP@20"]);
    }

    [Fact]
    public void InvalidBaselinesNameTheField()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<ConfigValidationException>(() => Run(dir.Path, Config(SpqBaselineKind.PqPixels, 48)));
        Assert.Contains(e.Errors, x => x.Field == "bits");
        var k = Assert.Throws<ConfigValidationException>(() => Run(dir.Path, Config(SpqBaselineKind.PqPca, 32) with { Codewords = 10 }));
        Assert.Contains(k.Errors, x => x.Field == "codewords");
        var p = Assert.Throws<ArgumentException>(() => Run(dir.Path, Config(SpqBaselineKind.PqPca, 64) with { Data = TinyData with { TrainImages = 100 } }));
        Assert.Contains("only 100 training images", p.Message);
    }

    private static RunResult Run(string store, SpqBaselineConfig config) =>
        new ExperimentRunner(ExperimentRegistry.Default, new RunStore(store))
            .Run(new ExperimentRunner(ExperimentRegistry.Default, new RunStore(store)).Resolve(SpqBaselineMethod.MethodName, PresetLabel.Smoke, config.Variant, null, _ => config, []));

    private static SpqBaselineConfig Config(SpqBaselineKind kind, int bits) => new()
    {
        Variant = SpqBaselineConfig.Variants[(int)kind],
        Bits = bits,
        Data = TinyData,
        TopK = 20,
        KMeansIterations = 5,
    };
}
