using static TorchSharp.torch;

namespace Workbench.Training.Sessions;

/// <summary>
/// What a training step returns: the scalar loss to back-propagate and, optionally, named scalar
/// parts (e.g. <c>iw</c>, <c>cw</c>, <c>se</c>) that the trainer records per epoch. Tensors are created
/// inside the trainer's per-step dispose scope; do not keep them.
/// </summary>
public sealed class StepOutput
{
    /// <summary>Creates the output.</summary>
    /// <param name="loss">Scalar (one element) loss with a gradient graph.</param>
    /// <param name="parts">Named scalar parts for the records (detached or not; only their values are read).</param>
    /// <exception cref="ArgumentException">A loss or part with more than one element, or a duplicate or reserved part name.</exception>
    public StepOutput(Tensor loss, params (string Name, Tensor Value)[] parts)
    {
        Loss = loss ?? throw new ArgumentNullException(nameof(loss));
        if (loss.numel() != 1) throw new ArgumentException($"The loss must be a scalar; got shape [{string.Join(", ", loss.shape)}].", nameof(loss));
        var seen = new HashSet<string>(StringComparer.Ordinal) { "loss" };
        foreach (var (name, value) in parts)
        {
            if (string.IsNullOrWhiteSpace(name) || !seen.Add(name))
            {
                throw new ArgumentException($"Loss part names must be non-empty, unique and not 'loss'; got '{name}'.", nameof(parts));
            }
            if (value is null || value.numel() != 1) throw new ArgumentException($"Loss part '{name}' must be a scalar tensor.", nameof(parts));
        }
        Parts = parts;
    }

    /// <summary>The scalar loss the trainer back-propagates.</summary>
    public Tensor Loss { get; }

    /// <summary>Named scalar parts, in the order they appear in the history.</summary>
    public IReadOnlyList<(string Name, Tensor Value)> Parts { get; }
}
