namespace Workbench.Tests.Training;

/// <summary>
/// Tests that compare runs bit for bit use torch's process-wide default generator (weight init,
/// dropout); any other test drawing from it on another thread would change their numbers. This
/// collection runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTorchRng
{
    public const string Name = "serial: torch default generator";
}

/// <summary>
/// Base of the serial tests: one torch thread while each test runs (tiny models run fastest single-threaded,
/// and two intra-op threads on a busy 2-core machine wait on each other), restored afterwards.
/// </summary>
public abstract class SingleThreadedTorchTest : IDisposable
{
    private readonly int _threads;

    protected SingleThreadedTorchTest()
    {
        _threads = torch.get_num_threads();
        torch.set_num_threads(1);
    }

    public void Dispose()
    {
        torch.set_num_threads(_threads);
        GC.SuppressFinalize(this);
    }
}
