using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using TorchSharp;
using Workbench.Losses;
using Workbench.Models;
using Workbench.Models.Moco;
using Workbench.Runtime;
using Workbench.Training.Optimizers;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Workbench.Bench.SideBySide;

/// <summary>
/// The training-step works of issue 19's table, timed against PyTorch (<c>bench/anchors/training_anchor.py</c>):
/// the workbench's own networks, loss and optimizers for one step (<c>zero_grad</c>, forward, loss, read the loss,
/// backward, optimizer step, inside a dispose scope, as <see cref="Training.Trainer"/> runs it). Before timing, the
/// initial weights (state dict) and the inputs are written to <c>artifacts/bench/training/&lt;work&gt;/</c> (raw
/// little-endian arrays and a <c>manifest.json</c>), which the anchor loads into the same network, so the first step's
/// loss is the check on both sides.
/// </summary>
public static class TrainingWorks
{
    /// <summary>The three training steps: small CNN, NT-Xent contrastive (two views), ResNet-18 CIFAR.</summary>
    public static IReadOnlyList<SideBySideWork> All() =>
    [
        new("smallconv-ce", "smallconv (32/64/128) → fc 10, 256 × 1 × 28 × 28, cross-entropy, SGD (momentum 0.9, wd 5e-4)",
            "the same network in PyTorch, `F.cross_entropy`, `optim.SGD`", [1, 2], _ => Classification("smallconv-ce", "smallconv", [256, 1, 28, 28])),
        new("ntxent-smallconv", "two views of 256 × 1 × 28 × 28 → smallconv → MLP 128-256-128 → `NtXentLoss` (cosine / 0.5), Adam",
            "the same network, NT-Xent as normalize → matmul → masked cross-entropy, `optim.Adam`", [1, 2], _ => Contrastive("ntxent-smallconv")),
        new("resnet18-cifar-ce", "resnet18-cifar → fc 10, 128 × 3 × 32 × 32, cross-entropy, SGD (momentum 0.9, wd 5e-4)",
            "the same network in PyTorch (torchvision's BasicBlock), `optim.SGD`", [1, 2], _ => Classification("resnet18-cifar-ce", "resnet18-cifar", [128, 3, 32, 32])),
    ];

    /// <summary>
    /// Runs our side of one work alone, <c>steps</c> timed steps after one warm-up, and prints each step's milliseconds
    /// (for profilers such as <c>perf record</c>): <c>training-steps &lt;work&gt; [threads] [steps]</c>.
    /// </summary>
    public static int RunOurs(string[] args)
    {
        SideBySideWork? work = args.Length > 0 ? All().FirstOrDefault(w => w.Name == args[0]) : null;
        if (work is null)
        {
            Console.Error.WriteLine($"Usage: training-steps <{string.Join('|', All().Select(w => w.Name))}> [threads] [steps]");
            return 2;
        }
        int threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        int steps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        Threads.Configure(threads);
        Func<Func<string>> step = work.Prepare(threads);
        Console.WriteLine($"{work.Name}, {threads} thread(s): warm-up {step()()}");
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var wall = new List<double>();
        var cpu = new List<double>();
        for (int i = 0; i < steps; i++)
        {
            process.Refresh();
            TimeSpan cpu0 = process.TotalProcessorTime;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            string check = step()();
            wall.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpu0).TotalMilliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {i + 1}: {wall[^1]:F1} ms, CPU {cpu[^1]:F0} ms ({check})"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: {wall.Order().ElementAt(steps / 2):F1} ms, CPU {cpu.Order().ElementAt(steps / 2):F0} ms"));
        return 0;
    }

    private static Func<Func<string>> Classification(string work, string architecture, long[] shape)
    {
        Backbone model = BackboneFactory.Create(architecture, new BackboneOptions { Seed = 1 });
        using (var g = Seeding.NewGenerator("bench/training/fc", 1)) model.ReplaceClassifier(10, generator: g);
        Tensor images, labels;
        using (var g = Seeding.NewGenerator("bench/training/inputs", 1))
        {
            images = randn(shape, generator: g);
            labels = randint(0, 10, [shape[0]], generator: g);
        }
        Export(work, model, [("images", images), ("labels", labels)]);
        optim.Optimizer sgd = OptimizerFactory.Create(new OptimizerSettings { Kind = OptimizerKind.Sgd, LearningRate = 0.01, Momentum = 0.9, WeightDecay = 5e-4 }, model.parameters());
        model.train();
        return Step(sgd, () => F.cross_entropy(model.call(images), labels));
    }

    private static Func<Func<string>> Contrastive(string work)
    {
        var model = new ContrastiveModel();
        Tensor a, b;
        using (var g = Seeding.NewGenerator("bench/training/views", 1))
        {
            a = randn([256, 1, 28, 28], generator: g);
            b = randn([256, 1, 28, 28], generator: g);
        }
        Export(work, model, [("view_a", a), ("view_b", b)]);
        Tensor views = cat([a, b]);
        optim.Optimizer adam = OptimizerFactory.Create(new OptimizerSettings { Kind = OptimizerKind.Adam, LearningRate = 1e-3 }, model.parameters());
        model.train();
        return Step(adam, () =>
        {
            Tensor z = model.call(views);
            return NtXentLoss.Compute(z.narrow(0, 0, 256), z.narrow(0, 256, 256), 0.5);
        });
    }

    /// <summary>One training step as the trainer runs it; the check is the step's loss.</summary>
    private static Func<Func<string>> Step(optim.Optimizer optimizer, Func<Tensor> loss) => () =>
    {
        float value;
        using (NewDisposeScope())
        {
            optimizer.zero_grad();
            Tensor l = loss();
            value = l.item<float>();
            l.backward();
            optimizer.step();
        }
        return () => string.Create(CultureInfo.InvariantCulture, $"loss {value:F4}");
    };

    /// <summary>Writes the state dict and inputs for the anchor (raw arrays + manifest.json).</summary>
    internal static void Export(string work, nn.Module model, IReadOnlyList<(string Name, Tensor Value)> inputs)
    {
        string root = RepositoryRoot.Find(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();
        string folder = Path.Combine(root, "artifacts", "bench", "training", work);
        Directory.CreateDirectory(folder);
        var weights = model.state_dict().Select(kv => Write(folder, "w-" + kv.Key, kv.Key, kv.Value)).ToList();
        var data = inputs.Select(i => Write(folder, "x-" + i.Name, i.Name, i.Value)).ToList();
        File.WriteAllText(Path.Combine(folder, "manifest.json"), JsonSerializer.Serialize(new { weights, inputs = data }));
    }

    private static Dictionary<string, object> Write(string folder, string file, string name, Tensor t)
    {
        using var c = t.detach().contiguous();
        string dtype;
        byte[] bytes;
        switch (c.dtype)
        {
            case ScalarType.Float32:
                dtype = "float32";
                bytes = MemoryMarshal.AsBytes(c.data<float>().ToArray().AsSpan()).ToArray();
                break;
            case ScalarType.Int64:
                dtype = "int64";
                bytes = MemoryMarshal.AsBytes(c.data<long>().ToArray().AsSpan()).ToArray();
                break;
            default:
                throw new InvalidOperationException($"Unexpected dtype {c.dtype} of {name}.");
        }
        File.WriteAllBytes(Path.Combine(folder, file + ".bin"), bytes);
        return new() { ["name"] = name, ["file"] = file + ".bin", ["dtype"] = dtype, ["shape"] = c.shape };
    }

    /// <summary>SimCLR's f and g as <see cref="Papers.Pretraining.PretrainModel"/> builds them, with smallconv's default widths.</summary>
    private sealed class ContrastiveModel : nn.Module<Tensor, Tensor>
    {
        private readonly Backbone encoder;
        private readonly MocoMlpHead projector;

        public ContrastiveModel() : base("contrastive")
        {
            encoder = BackboneFactory.Create("smallconv", new BackboneOptions { ClassifierOutputs = 0, Seed = 1 });
            using var g = Seeding.NewGenerator("bench/training/projector", 1);
            projector = new MocoMlpHead(encoder.FeatureDimension, 256, 128, normalize: false, generator: g);
            RegisterComponents();
        }

        public override Tensor forward(Tensor images)
        {
            using var h = encoder.call(images);
            return projector.call(h);
        }
    }
}
