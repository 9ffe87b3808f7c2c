namespace Workbench.Training.Checkpoints;

/// <summary>Saved state of a run's <see cref="RandomStreams"/>.</summary>
/// <param name="Randoms">.NET stream name → xoshiro256** state words.</param>
/// <param name="Generators">torch generator stream name → <c>Generator.get_state()</c> bytes.</param>
/// <param name="TorchDefault">State bytes of torch's default CPU generator (weight init, dropout, <c>randperm</c> without a generator).</param>
public sealed record RandomStreamsState(
    IReadOnlyDictionary<string, ulong[]> Randoms,
    IReadOnlyDictionary<string, byte[]> Generators,
    byte[] TorchDefault);
