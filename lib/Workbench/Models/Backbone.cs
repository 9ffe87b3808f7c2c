using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using Workbench.Models.Weights;
using static TorchSharp.torch;

namespace Workbench.Models;

/// <summary>
/// A feature extractor F: images <c>[N, C, H, W]</c> (float, any H and W the stem accepts) →
/// pooled features <c>[N, FeatureDimension]</c> (<see cref="Features"/>), optionally followed
/// by a classifier / projection module registered under the torchvision name <c>fc</c>
/// (<see cref="forward"/> returns its output, <c>[N, OutputDimension]</c>, with an optional
/// ReLU after it as in SPQ's CIFAR ResNet). The classifier can be removed or replaced by any
/// head (a linear layer, <see cref="Moco.MocoMlpHead"/>, ...); its parameters then appear under
/// <c>fc.*</c> in the state dict, which is how torchvision and MoCo checkpoints name them.
/// </summary>
public abstract class Backbone : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "fc")]
    private nn.Module<Tensor, Tensor>? _fc;

    /// <summary>Creates the base; derived constructors build their layers, call <see cref="SetInitialClassifier"/> and then <c>RegisterComponents()</c>.</summary>
    protected Backbone(string name, string architecture, int inputChannels, long featureDimension) : base(name)
    {
        Architecture = architecture;
        InputChannels = inputChannels;
        FeatureDimension = featureDimension;
        OutputDimension = featureDimension;
    }

    /// <summary>Registry name of the architecture (<c>smallconv</c>, <c>resnet18-cifar</c>, <c>resnet18</c>, <c>resnet50</c>).</summary>
    public string Architecture { get; }

    /// <summary>Number of input image channels C (1 for grey, 3 for RGB).</summary>
    public int InputChannels { get; }

    /// <summary>Dimension of the pooled features returned by <see cref="Features"/> (e.g. 512 for ResNet-18, 2048 for ResNet-50).</summary>
    public long FeatureDimension { get; }

    /// <summary>Dimension of <see cref="forward"/>'s output: the classifier's output size, or <see cref="FeatureDimension"/> without one.</summary>
    public long OutputDimension { get; private set; }

    /// <summary>Whether a classifier / head is registered as <c>fc</c>.</summary>
    public bool HasClassifier => _fc is not null;

    /// <summary>The module registered as <c>fc</c>, or null.</summary>
    public nn.Module<Tensor, Tensor>? Classifier => _fc;

    /// <summary>Whether <see cref="forward"/> applies a ReLU after the classifier (SPQ's "FC 512 → ReLU").</summary>
    public bool ReluAfterClassifier { get; private set; }

    /// <summary>State-dict key of the first convolution's weight, the tensor adapted when a checkpoint has a different number of input channels.</summary>
    public abstract string InputConvolutionKey { get; }

    /// <summary>Pooled features before the classifier: <c>[N, C, H, W]</c> → <c>[N, FeatureDimension]</c>.</summary>
    public abstract Tensor Features(Tensor input);

    /// <summary>Features, then the classifier (and ReLU when configured) if there is one.</summary>
    public override Tensor forward(Tensor input)
    {
        var features = Features(input);
        if (_fc is null) return features;
        var output = _fc.call(features);
        if (!ReferenceEquals(output, features)) features.Dispose();
        return ReluAfterClassifier ? output.relu_() : output;
    }

    /// <summary>Removes (and disposes) the classifier: <see cref="forward"/> then returns the pooled features.</summary>
    public void RemoveClassifier()
    {
        if (_fc is null) return;
        register_module("fc", null!);
        _fc.Dispose();
        _fc = null;
        ReluAfterClassifier = false;
        OutputDimension = FeatureDimension;
    }

    /// <summary>
    /// Replaces the classifier by a new linear layer <c>FeatureDimension → outputDimension</c>
    /// (PyTorch's default init, drawn from <paramref name="generator"/>), on the backbone's device and dtype.
    /// </summary>
    public Linear ReplaceClassifier(long outputDimension, bool reluAfter = false, Generator? generator = null)
    {
        if (outputDimension <= 0) throw new ArgumentOutOfRangeException(nameof(outputDimension), outputDimension, "The classifier needs at least one output; use RemoveClassifier() to drop it.");
        var linear = nn.Linear(FeatureDimension, outputDimension);
        WeightInit.PyTorchDefault(linear.weight, linear.bias, generator);
        var reference = parameters().First();
        linear.to(reference.device).to(reference.dtype);
        ReplaceClassifier(linear, outputDimension, reluAfter);
        return linear;
    }

    /// <summary>
    /// Replaces the classifier by <paramref name="head"/> (input <c>[N, FeatureDimension]</c>, output
    /// <c>[N, outputDimension]</c>); the old one is disposed. The head's parameters appear under <c>fc.*</c>.
    /// </summary>
    public void ReplaceClassifier(nn.Module<Tensor, Tensor> head, long outputDimension, bool reluAfter = false)
    {
        ArgumentNullException.ThrowIfNull(head);
        RemoveClassifier();
        _fc = head;
        register_module("fc", head);
        ReluAfterClassifier = reluAfter;
        OutputDimension = outputDimension;
    }

    /// <summary>
    /// Loads a checkpoint file (PyTorch <c>.pth</c>/<c>.pth.tar</c>/<c>.pt</c>, <c>.safetensors</c> or TorchSharp's format,
    /// see <see cref="CheckpointFile"/>; torchvision parameter names) into this backbone; a
    /// checkpoint with 3 input channels loads into a grey backbone (and vice versa) by adapting
    /// <see cref="InputConvolutionKey"/>. See <see cref="WeightLoader"/>.
    /// </summary>
    public WeightLoadReport LoadWeights(string path, WeightLoadOptions? options = null)
    {
        options ??= new WeightLoadOptions();
        if (options.AdaptInputChannelsFor.Count == 0) options = options with { AdaptInputChannelsFor = [InputConvolutionKey] };
        return WeightLoader.Load(this, path, options);
    }

    /// <summary>
    /// Starts this backbone from a checkpoint (a method's <c>init</c>): the feature extractor must load
    /// completely and exactly (strict), the classifier / head (<c>fc.*</c>) keeps its fresh init and the
    /// checkpoint's <c>fc.*</c> are ignored; keys are renamed as <see cref="KeyMapping.Detect"/> finds
    /// (MoCo's query encoder, SPQ's official checkpoint, DataParallel); a 3-channel first convolution
    /// loads into a grey backbone by summing its RGB kernels (and 1 → 3 by repeating).
    /// </summary>
    /// <exception cref="WeightLoadException">Missing, unexpected or mis-shaped keys; nothing was loaded.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable checkpoint.</exception>
    public WeightLoadReport LoadInit(string path) =>
        WeightLoader.LoadDetected(this, path, new WeightLoadOptions { IgnorePrefixes = ["fc."], AdaptInputChannelsFor = [InputConvolutionKey] });

    /// <summary>Sets the classifier during construction (before <c>RegisterComponents()</c>).</summary>
    protected void SetInitialClassifier(nn.Module<Tensor, Tensor>? classifier, long outputDimension, bool reluAfter)
    {
        _fc = classifier;
        OutputDimension = classifier is null ? FeatureDimension : outputDimension;
        ReluAfterClassifier = classifier is not null && reluAfter;
    }
}
