using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Workbench.Bench.Runtime;

/// <summary>
/// Reproduces TorchSharp's Scalar finalizer race on demand (README, "One failure that was not the run's fault"):
/// the main thread calls <c>t.clamp_min_(-1e30)</c> in a loop, whose <c>double</c> becomes a <c>Scalar</c> that nothing
/// references once its handle is passed to libtorch, while a second thread allocates and so triggers garbage
/// collections; the finalizer may then free the native scalar while libtorch still reads it, which libtorch reports as
/// <c>Expected false to be true</c>. Three modes, each for the same wall time and printed as one line:
/// <c>implicit</c> (TorchSharp's implicit conversion, the race), <c>explicit</c> (a <c>using</c> Scalar that stays
/// reachable until the call returns), <c>implicit-alone</c> (no allocating second thread, so no collection during a call).
/// Run: <c>dotnet run -c Release --project bench/Workbench.Bench -- scalar-race [seconds per mode, default 30]</c>.
/// </summary>
public static class ScalarRaceProbe
{
    /// <summary>Runs the three modes and prints calls, failures and collections of each.</summary>
    public static int Run(string[] args)
    {
        int seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        torch.set_num_threads(1);
        Console.WriteLine($"TorchSharp Scalar race probe, {seconds} s per mode, torch threads 1, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        foreach (var (mode, explicitScalar, allocate) in new[] { ("implicit", false, true), ("explicit", true, true), ("implicit-alone", false, false) })
        {
            var (calls, failures, collections) = Probe(seconds, explicitScalar, allocate);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{mode,-15} {calls,10:N0} calls  {failures,5} failures  {collections,6} gen0 collections"));
        }
        return 0;
    }

    private static (long Calls, long Failures, int Collections) Probe(int seconds, bool explicitScalar, bool allocate)
    {
        bool stop = false;
        var allocator = new Thread(() =>
        {
            var keep = new object[64];
            int i = 0;
            while (!Volatile.Read(ref stop)) keep[i++ & 63] = new byte[32_000];
        });
        if (allocate) allocator.Start();
        int gcBefore = GC.CollectionCount(0);
        long calls = 0, failures = 0;
        using var t = randn(20_000);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            try
            {
                if (explicitScalar)
                {
                    using var min = (-1e30).ToScalar();
                    t.clamp_min_(min);
                }
                else
                {
                    t.clamp_min_(-1e30);
                }
            }
            catch (System.Runtime.InteropServices.ExternalException)
            {
                failures++;
            }
            calls++;
        }
        Volatile.Write(ref stop, true);
        if (allocate) allocator.Join();
        return (calls, failures, GC.CollectionCount(0) - gcBefore);
    }
}
