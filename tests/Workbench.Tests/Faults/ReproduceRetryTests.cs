using Workbench.Tests.Data;
using Workbench.Tests.Training;

namespace Workbench.Tests.Faults;

/// <summary>
/// <c>workbench reproduce</c> when a re-training throws a native error (<c>WORKBENCH_FAULT=throw:step@n</c>, as
/// TorchSharp's Scalar finalizer race does): the record is trained once more and compared exactly; a second failure is
/// named, the other records go on, and the exit code is 1.
/// </summary>
[Trait("Category", FaultRuns.Slow)]
public class ReproduceRetryTests
{
    private const string Record = "dml-reduced-s2-3e679f22"; // the cheapest committed DML record (fonts, 600 steps)

    /// <summary><c>workbench reproduce</c> of <see cref="Record"/> into a scratch folder with <c>WORKBENCH_FAULT=<paramref name="faults"/></c>.</summary>
    private static WorkbenchChild Reproduce(string faults)
    {
        using var scratch = new TempDirectory();
        return WorkbenchChild.Run(["reproduce", "--paper", "dml", "--run", Record, "--scratch", scratch.Path],
            new Dictionary<string, string> { ["WORKBENCH_FAULT"] = faults });
    }

    [RealDataFact("fonts")]
    public void A_native_error_is_retried_once_and_the_record_still_compares_exactly()
    {
        using var child = Reproduce("throw:step@5");
        Assert.True(child.ExitCode == 0, child.Text);
        Assert.Contains($"FAILED {Record} (attempt 1)", child.Output, StringComparison.Ordinal);
        Assert.Contains("injected native error at 'step'", child.Output, StringComparison.Ordinal);
        Assert.Contains("tolerance 0 (exact (same identity))", child.Output, StringComparison.Ordinal);
        Assert.Contains("1 record(s), 8 metrics, 0 beyond tolerance", child.Output, StringComparison.Ordinal);
    }

    [RealDataFact("fonts")]
    public void A_record_that_fails_twice_is_named_and_the_exit_code_is_1()
    {
        using var child = Reproduce("throw:step@5,throw:eval@1");
        Assert.True(child.ExitCode == 1, child.Text);
        Assert.Contains($"FAILED {Record} (attempt 2)", child.Output, StringComparison.Ordinal);
        Assert.Contains($"1 record(s) failed to re-train: {Record}", child.Output, StringComparison.Ordinal);
    }
}
