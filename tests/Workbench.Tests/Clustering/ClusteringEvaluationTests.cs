using Workbench.Clustering;

namespace Workbench.Tests.Clustering;

public class ClusteringEvaluationTests
{
    [Fact]
    public void Separated_classes_score_one_and_random_embeddings_score_low()
    {
        var random = new Random(2);
        const int classes = 5, per = 30, dim = 4;
        var labels = new int[classes * per];
        var data = new float[classes * per * dim];
        for (int c = 0; c < classes; c++)
            for (int i = 0; i < per; i++)
            {
                int row = c * per + i;
                labels[row] = 10 + c; // arbitrary label values
                for (int j = 0; j < dim; j++) data[row * dim + j] = (j == c % dim ? 20f * (1 + c / dim) : 0f) + (float)(random.NextDouble() * 0.1);
            }
        using var x = tensor(data, [classes * per, dim]);
        ClusteringScore perfect = ClusteringEvaluation.KMeansNmi(x, labels, seeds: [0, 1, 2]);
        Assert.Equal(5, perfect.Clusters);
        Assert.Equal([0L, 1, 2], perfect.Seeds);
        Assert.All(perfect.PerSeed, v => Assert.Equal(1.0, v, 9));
        Assert.Equal(0, perfect.StandardDeviation, 9);
        Assert.Contains("k = 5, 3 seeds, geometric", perfect.ToString());

        using var noise = randn(classes * per, dim, generator: new Generator(3));
        ClusteringScore low = ClusteringEvaluation.KMeansNmi(noise, labels, normalization: NmiNormalization.Arithmetic);
        Assert.InRange(low.Mean, 0, 0.3);
        Assert.Equal(NmiNormalization.Arithmetic, low.Normalization);
    }

    [Fact]
    public void The_score_is_the_nmi_of_the_seeded_k_means_assignments()
    {
        using var x = randn(80, 3, generator: new Generator(4));
        int[] labels = Enumerable.Range(0, 80).Select(i => i % 4).ToArray();
        ClusteringScore score = ClusteringEvaluation.KMeansNmi(x, labels, seeds: [7]);
        using KMeansResult km = KMeans.Fit(x, new KMeansOptions { Clusters = 4, Seed = 7 });
        Assert.Equal(Nmi.Compute(labels, km.Assignments.Select(a => (int)a).ToArray()), score.Mean, 12);
        Assert.Equal(km.Inertia, score.Inertias[0], 9);
        Assert.Throws<ArgumentException>(() => ClusteringEvaluation.KMeansNmi(x, labels.AsSpan(1)));
    }
}
