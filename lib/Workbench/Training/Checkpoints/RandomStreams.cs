using TorchSharp;
using Workbench.Runtime;

namespace Workbench.Training.Checkpoints;

/// <summary>
/// The named random streams of one run, all derived from the run's seed with
/// <see cref="Seeding.Derive"/> and all saved in checkpoints: <see cref="ResumableRandom"/>s for .NET
/// code and <see cref="torch.Generator"/>s for tensor sampling. A stream asked for after a restore
/// starts from its saved state, so methods may create streams lazily.
/// </summary>
public sealed class RandomStreams : IDisposable
{
    private readonly Dictionary<string, ResumableRandom> _randoms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, torch.Generator> _generators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong[]> _pendingRandoms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _pendingGenerators = new(StringComparer.Ordinal);
    private readonly torch.Device _device;

    /// <summary>Streams derived from <paramref name="seed"/>; generators live on <paramref name="device"/> (default CPU).</summary>
    public RandomStreams(long seed, torch.Device? device = null)
    {
        Seed = seed;
        _device = device ?? torch.CPU;
    }

    /// <summary>The run seed every stream derives from.</summary>
    public long Seed { get; }

    /// <summary>The .NET random stream <paramref name="name"/> (created on first use).</summary>
    public ResumableRandom Random(string name)
    {
        if (_randoms.TryGetValue(name, out var r)) return r;
        r = new ResumableRandom(Seeding.Derive(name, Seed));
        if (_pendingRandoms.Remove(name, out var state)) r.SetState(state);
        _randoms[name] = r;
        return r;
    }

    /// <summary>The torch generator stream <paramref name="name"/> on the run's device (created on first use).</summary>
    public torch.Generator Generator(string name)
    {
        if (_generators.TryGetValue(name, out var g)) return g;
        TorchRuntime.EnsureLoaded();
        g = new torch.Generator(0, _device);
        g.manual_seed(Seeding.Derive(name, Seed) & long.MaxValue);
        if (_pendingGenerators.Remove(name, out var bytes)) SetGeneratorState(g, bytes);
        _generators[name] = g;
        return g;
    }

    /// <summary>State of every stream created or restored so far (for a checkpoint).</summary>
    public RandomStreamsState Capture()
    {
        var randoms = new SortedDictionary<string, ulong[]>(StringComparer.Ordinal);
        foreach (var (name, state) in _pendingRandoms) randoms[name] = state;
        foreach (var (name, r) in _randoms) randoms[name] = r.GetState();
        var generators = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, bytes) in _pendingGenerators) generators[name] = bytes;
        foreach (var (name, g) in _generators) generators[name] = GetGeneratorState(g);
        return new RandomStreamsState(randoms, generators, GetGeneratorState(torch.Generator.Default));
    }

    /// <summary>Restores a captured state: existing streams jump to it, others start from it when first asked for; torch's default generator too.</summary>
    public void Restore(RandomStreamsState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var (name, words) in state.Randoms)
        {
            if (_randoms.TryGetValue(name, out var r)) r.SetState(words);
            else _pendingRandoms[name] = words;
        }
        foreach (var (name, bytes) in state.Generators)
        {
            if (_generators.TryGetValue(name, out var g)) SetGeneratorState(g, bytes);
            else _pendingGenerators[name] = bytes;
        }
        if (state.TorchDefault.Length > 0) SetGeneratorState(torch.Generator.Default, state.TorchDefault);
    }

    /// <summary>Disposes the torch generators.</summary>
    public void Dispose()
    {
        foreach (var g in _generators.Values) g.Dispose();
        _generators.Clear();
    }

    internal static byte[] GetGeneratorState(torch.Generator generator)
    {
        using var state = generator.get_state();
        using var cpu = state.cpu();
        return cpu.data<byte>().ToArray();
    }

    internal static void SetGeneratorState(torch.Generator generator, byte[] bytes)
    {
        using var state = torch.tensor(bytes, torch.uint8);
        generator.set_state(state);
    }
}
