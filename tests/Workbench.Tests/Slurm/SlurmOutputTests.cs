using Workbench.Cli.Slurm;

namespace Workbench.Tests.Slurm;

public class SlurmOutputTests
{
    [Theory]
    [InlineData("3", new[] { 3 })]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("[0-2,7]", new[] { 0, 1, 2, 7 })]
    [InlineData("2-5%2", new[] { 2, 3, 4, 5 })]
    [InlineData("0-8:4", new[] { 0, 4, 8 })]
    [InlineData("N/A", new int[0])]
    public void Indices_ExpandSlurmArrayRanges(string range, int[] expected) => Assert.Equal(expected, SlurmOutput.Indices(range));

    [Fact]
    public void ParseQueue_ReadsOneEntryPerTaskAndExpandsPendingRanges()
    {
        var entries = SlurmOutput.ParseQueue("12|0|RUNNING|None\n12|[1-2]%2|PENDING|JobArrayTaskLimit\n\n").ToList();
        Assert.Equal(
            [new SlurmQueueEntry("12", 0, "RUNNING", "None"), new SlurmQueueEntry("12", 1, "PENDING", "JobArrayTaskLimit"), new SlurmQueueEntry("12", 2, "PENDING", "JobArrayTaskLimit")],
            entries);
    }

    [Fact]
    public void ParseAccounting_SplitsArrayIdsAndKeepsExitCodes()
    {
        var entries = SlurmOutput.ParseAccounting("40_0|COMPLETED|0:0\n40_1|CANCELLED by 0|0:15\n40_[2-3]|PENDING|0:0\n41|COMPLETED|0:0\n").ToList();
        Assert.Equal(
            [new SlurmQueueEntry("40", 0, "COMPLETED", "", "0:0"), new SlurmQueueEntry("40", 1, "CANCELLED", "", "0:15"),
             new SlurmQueueEntry("40", 2, "PENDING", "", "0:0"), new SlurmQueueEntry("40", 3, "PENDING", "", "0:0")],
            entries);
    }

    [Theory]
    [InlineData("PENDING", true)]
    [InlineData("RUNNING", true)]
    [InlineData("COMPLETING", true)]
    [InlineData("COMPLETED", false)]
    [InlineData("FAILED", false)]
    [InlineData("TIMEOUT", false)]
    public void IsActive_IsTrueWhileSlurmWillStillRunTheTask(string state, bool active) =>
        Assert.Equal(active, new SlurmQueueEntry("1", 0, state, "").IsActive);
}
