using Workbench.Losses;
using Workbench.Losses.Ucdir;

namespace Workbench.Tests.Losses.Pinning;

/// <summary>
/// Pins the value and the gradient of every UCDIR/SPQ loss on fixed seeded inputs, in float32 and float64:
/// each case's value and a position-weighted checksum of its input gradients (Σ_i (i+1)·g_i, summed in double
/// in a fixed order) were recorded from the implementation before the losses were composed from distances
/// and reducers (issue 14 item 4). Both must match bit for bit: any change of arithmetic, even in the last
/// bit of the forward or the backward pass, fails here. The brute-force loop tests next to each loss say the
/// values are right; these say they did not move.
/// </summary>
public class LossPinningTests
{
    /// <summary>Every pinned case: name → (loss value, gradient checksum), both as round-trip strings.</summary>
    private static readonly Dictionary<string, (string Value, string Gradient)> Recorded = new()
    {
        ["nt-xent/f32"] = ("2.551858901977539", "18.591113503323868"),
        ["nt-xent-tau0.1/f32"] = ("6.276119232177734", "145.8728536143899"),
        ["cqc/f32"] = ("4.704741477966309", "50.18803509930149"),
        ["spq-c/f32"] = ("2.2097175121307373", "-7.843608176801354"),
        ["info-nce/f32"] = ("6.358485698699951", "6.303470297190309"),
        ["iw-mean/f32"] = ("3.097658157348633", "73.74833786347881"),
        ["iw-sum/f32"] = ("18.585948944091797", "442.49002193287015"),
        ["iw-keep-own/f32"] = ("3.160153388977051", "75.4512264044024"),
        ["cw-bank/f32"] = ("4.595093250274658", "-7.951767861843109"),
        ["se-sum/f32"] = ("6.6915388107299805", "0.9545392077416182"),
        ["se-mean/f32"] = ("1.115256428718567", "0.15908993734046817"),
        ["se-probabilities/f32"] = ("1.115256428718567", "0.1590899359434843"),
        ["se-four-pairs/f32"] = ("0.1862354725599289", "-2.8545084956567734"),
        ["cw-seed-sum/f32"] = ("0.49361351132392883", "-25.352555843477603"),
        ["cw-seed-mean/f32"] = ("0.769057035446167", "-0.1687512258067727"),
        ["soft-assignment/f32"] = ("418.7171325683594", "5865.727176070213"),
        ["dd-profile/f32"] = ("0.7999997138977051", "0.002673243684844293"),
        ["dd-seed-sum/f32"] = ("12.746927261352539", "28.821081429719925"),
        ["dd-seed-mean/f32"] = ("0.7966829538345337", "1.8013175893574953"),
        ["dd-seed-matched/f32"] = ("11.504677772521973", "35.98038360476494"),
        ["nt-xent/f64"] = ("2.5518586315548686", "18.59111570456015"),
        ["nt-xent-tau0.1/f64"] = ("6.27611933704508", "145.87285134957082"),
        ["cqc/f64"] = ("4.7047419643090755", "50.18803631390588"),
        ["spq-c/f64"] = ("2.209717346081071", "-7.8436124348030445"),
        ["info-nce/f64"] = ("6.3584860549881945", "6.303469338339172"),
        ["iw-mean/f64"] = ("3.0976581665477236", "73.748337976525"),
        ["iw-sum/f64"] = ("18.585948999286344", "442.49002785915"),
        ["iw-keep-own/f64"] = ("3.1601534125353745", "75.45122420556359"),
        ["cw-bank/f64"] = ("4.59509288110666", "-7.951767526564732"),
        ["se-sum/f64"] = ("6.691538821075014", "0.9545392858995241"),
        ["se-mean/f64"] = ("1.115256470179169", "0.15908988098325394"),
        ["se-probabilities/f64"] = ("1.1152564701791687", "0.15908988098325405"),
        ["se-four-pairs/f64"] = ("0.18623546479926095", "-2.8545073446057923"),
        ["cw-seed-sum/f64"] = ("0.4936133938853987", "-25.352550053270047"),
        ["cw-seed-mean/f64"] = ("0.7690570330397123", "-0.1687507256350383"),
        ["soft-assignment/f64"] = ("418.71716883810075", "5865.728025724804"),
        ["dd-profile/f64"] = ("0.7999997335571845", "0.002673191565997314"),
        ["dd-seed-sum/f64"] = ("12.746925678818776", "28.821083570683697"),
        ["dd-seed-mean/f64"] = ("0.7966828549261735", "1.801317723167731"),
        ["dd-seed-matched/f64"] = ("11.504679051556646", "35.98038667594785"),
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string id in CaseIds()) data.Add(id);
        return data;
    }

    private static IEnumerable<string> CaseIds() =>
        new[] { "f32", "f64" }.SelectMany(dtype => Builders.Keys.Select(name => $"{name}/{dtype}"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_and_gradient_are_unchanged(string id)
    {
        var (value, gradient) = Evaluate(id);
        Assert.True(Recorded.TryGetValue(id, out var pinned), $"No recorded pin for {id}: {value} {gradient}");
        Assert.Equal(pinned.Value, value);
        Assert.Equal(pinned.Gradient, gradient);
    }

    /// <summary>Prints the table of pins (run with WORKBENCH_PIN_DUMP=file to regenerate it on purpose).</summary>
    [Fact]
    public void Dump_when_asked()
    {
        string? file = Environment.GetEnvironmentVariable("WORKBENCH_PIN_DUMP");
        if (string.IsNullOrEmpty(file)) return;
        var lines = CaseIds().Select(id =>
        {
            var (v, g) = Evaluate(id);
            return $"        [\"{id}\"] = (\"{v}\", \"{g}\"),";
        });
        File.WriteAllLines(file, lines);
    }

    private static (string Value, string Gradient) Evaluate(string id)
    {
        var parts = id.Split('/');
        var dtype = parts[1] == "f32" ? ScalarType.Float32 : ScalarType.Float64;
        using var scope = NewDisposeScope();
        using var g = Workbench.Runtime.Seeding.NewGenerator("loss-pinning", 7);
        var inputs = new List<Tensor>();
        Tensor Input(long n, long d, bool unit = false)
        {
            var t = randn(n, d, dtype: ScalarType.Float64, generator: g);
            if (unit) t = nn.functional.normalize(t, 2, 1);
            t = t.to(dtype).detach().requires_grad_(true);
            inputs.Add(t);
            return t;
        }
        Tensor Const(long n, long d, bool unit = true)
        {
            var t = randn(n, d, dtype: ScalarType.Float64, generator: g);
            if (unit) t = nn.functional.normalize(t, 2, 1);
            return t.to(dtype);
        }
        var loss = Builders[parts[0]](Input, Const);
        loss.backward();
        double checksum = 0;
        long offset = 0;
        foreach (var t in inputs)
        {
            var grad = t.grad is null ? zeros_like(t) : t.grad;
            double[] values = grad.to(ScalarType.Float64).contiguous().data<double>().ToArray();
            for (int i = 0; i < values.Length; i++) checksum += (offset + i + 1) * values[i];
            offset += values.Length;
        }
        double value = loss.to(ScalarType.Float64).item<double>();
        return (value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), checksum.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }

    private delegate Tensor InputFactory(long n, long d, bool unit = false);
    private delegate Tensor ConstFactory(long n, long d, bool unit = true);

    private static readonly long[] Ids = [3, 0, 11, 7, 5, 9];

    private static Dictionary<string, Func<InputFactory, ConstFactory, Tensor>> Builders { get; } = new()
    {
        ["nt-xent"] = (input, _) => NtXentLoss.Compute(input(6, 5), input(6, 5), 0.5),
        ["nt-xent-tau0.1"] = (input, _) => new NtXentLoss(0.1).call(input(6, 5), input(6, 5)),
        ["cqc"] = (input, _) => new CrossQuantizedContrastiveLoss().call(input(6, 5), input(6, 5), input(6, 5), input(6, 5)),
        ["spq-c"] = (input, _) => new PlainQuantizedContrastiveLoss().call(input(6, 5), input(6, 5), input(6, 5), input(6, 5)),
        ["info-nce"] = (input, _) =>
        {
            var s = input(5, 7);
            var exclude = zeros(5, 7, dtype: ScalarType.Bool);
            exclude[0, 3] = tensor(true);
            exclude[2, 0] = tensor(true);
            return InfoNce.Loss(s, tensor(new long[] { 0, 1, 2, 3, 4 }), exclude, 0.2);
        },
        ["iw-mean"] = (input, c) => MemoryBankInfoNce.Compute(input(6, 4, true), c(6, 4), c(12, 4), tensor(Ids), 0.2),
        ["iw-sum"] = (input, c) => MemoryBankInfoNce.Compute(input(6, 4, true), c(6, 4), c(12, 4), tensor(Ids), 0.2, reduction: UcdirReduction.Sum),
        ["iw-keep-own"] = (input, c) => MemoryBankInfoNce.Compute(input(6, 4, true), c(6, 4), c(12, 4), tensor(Ids), 0.2, excludeOwn: false),
        ["cw-bank"] = (input, c) =>
        {
            var q = input(6, 4, true);
            var protos = c(3, 4);
            var keys = protos.index_select(0, tensor(new long[] { 0, 1, 2, 0, 1, 2 })).add(c(6, 4).mul(0.3));
            var labels = arange(12, dtype: ScalarType.Int64).remainder(3);
            return BankClusterContrastiveLoss.Compute(q, keys, tensor(Ids), c(12, 4), labels, protos, 0.2, 0.2);
        },
        ["se-sum"] = (input, _) => SelfEntropyLoss.FromLogits(input(6, 4)),
        ["se-mean"] = (input, _) => SelfEntropyLoss.FromLogits(input(6, 4), UcdirReduction.Mean),
        ["se-probabilities"] = (input, _) => SelfEntropyLoss.FromProbabilities(input(6, 4).softmax(1), UcdirReduction.Mean),
        ["se-four-pairs"] = (input, c) => SelfEntropyLoss.OverPrototypePairs(input(6, 4, true), input(5, 4, true), c(3, 4), c(3, 4), 0.1),
        ["cw-seed-sum"] = (input, c) => SeedClusterWiseLoss.Compute(input(6, 4), c(3, 4), 0.1),
        ["cw-seed-mean"] = (input, _) => SeedClusterWiseLoss.FromLogits(input(6, 4), UcdirReduction.Mean),
        ["soft-assignment"] = (input, c) => SoftAssignment.Logits(input(6, 4), c(3, 4, false), 0.1).square().sum(),
        ["dd-profile"] = (input, c) => ProfileDistanceOfDistanceLoss.Compute(input(6, 4, true), input(5, 4, true), c(3, 4), c(3, 4)),
        ["dd-seed-sum"] = (input, _) => SeedDistanceOfDistanceLoss.Loss(input(4, 3), input(4, 3), [2, 0, 3, 1]),
        ["dd-seed-mean"] = (input, _) => SeedDistanceOfDistanceLoss.Loss(input(4, 3), input(4, 3), [2, 0, 3, 1], UcdirReduction.Mean),
        ["dd-seed-matched"] = (input, _) => SeedDistanceOfDistanceLoss.Compute(input(4, 3), input(4, 3)).Loss,
    };
}
