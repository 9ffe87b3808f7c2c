using TorchSharp;
using Workbench.Training.Checkpoints;

namespace Workbench.Training.Sessions;

/// <summary>What a method gets when it builds its <see cref="TrainingSession"/>.</summary>
public sealed class SessionContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="device">Where tensors and the model live.</param>
    /// <param name="random">The run's checkpointed random streams (derived from the run seed).</param>
    /// <param name="runDirectory">The run's record folder for extra method artifacts, or null when not recording.</param>
    /// <param name="log">Receives human-readable lines (default: discarded).</param>
    public SessionContext(torch.Device device, RandomStreams random, string? runDirectory = null, Action<string>? log = null)
    {
        Device = device ?? throw new ArgumentNullException(nameof(device));
        Random = random ?? throw new ArgumentNullException(nameof(random));
        RunDirectory = runDirectory;
        Log = log ?? (_ => { });
    }

    /// <summary>Device for the model and every tensor of the session.</summary>
    public torch.Device Device { get; }

    /// <summary>
    /// Random streams saved in checkpoints. Use <c>Random.Generator("name")</c> for tensor sampling
    /// (e.g. <c>randperm</c> of an epoch, augmentation parameters) and <c>Random.Random("name")</c>
    /// for .NET code; a resumed run continues each stream where it stopped.
    /// </summary>
    public RandomStreams Random { get; }

    /// <summary>The run's record folder, or null (notebooks, tests without records).</summary>
    public string? RunDirectory { get; }

    /// <summary>Writes a human-readable line to the run log.</summary>
    public Action<string> Log { get; }

    /// <summary>The run seed.</summary>
    public long Seed => Random.Seed;
}
