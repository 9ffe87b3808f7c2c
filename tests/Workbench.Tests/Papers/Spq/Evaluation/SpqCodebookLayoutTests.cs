using Workbench.Papers.Spq.Evaluation;
using static TorchSharp.torch;

namespace Workbench.Tests.Papers.Spq.Evaluation;

public class SpqCodebookLayoutTests
{
    [Fact]
    public void Spq_codebook_layout_maps_column_blocks_to_sub_codebooks()
    {
        // C [K = 3, M·d = 2·2]: sub-codebook m is columns [2m, 2m + 2).
        using var c = tensor(new float[] { 0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23 }, [3, 4]);
        var pq = SpqCodebookLayout.ToProductQuantizer(c, 2);
        Assert.Equal((2, 3, 2), (pq.SubspaceCount, pq.CodewordCount, pq.SubDimension));
        Assert.Equal([12f, 13f], pq.Codeword(1, 1).ToArray());
        Assert.Equal([20f, 21f], pq.Codeword(0, 2).ToArray());
        Assert.Equal(2 * Math.Log2(3), pq.CodeBits, 12);
        Assert.Throws<ArgumentException>(() => SpqCodebookLayout.ToProductQuantizer(c, 3));
    }
}
