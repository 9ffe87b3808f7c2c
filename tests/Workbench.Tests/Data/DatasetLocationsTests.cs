using Workbench.Data;
using Workbench.Data.Catalog;

namespace Workbench.Tests.Data;

/// <summary>
/// <c>--data name=folder</c>: where user datasets live. The tests touch only cifar10's location and
/// restore it; they share the catalog tests' collection so no catalog test sees it.
/// </summary>
[Collection("DatasetCatalog")]
public class DatasetLocationsTests
{
    [Fact]
    public void A_location_is_where_the_catalog_loads_a_user_dataset_from()
    {
        using var folder = new TempDir();
        var rng = new Random(3);
        foreach (var file in Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin").Append("test_batch.bin"))
        {
            var bytes = new byte[2 * 3073];
            rng.NextBytes(bytes);
            bytes[0] = 1;
            bytes[3073] = 9;
            File.WriteAllBytes(Path.Combine(folder.Path, file), bytes);
        }
        using var empty = new TempDir();
        var options = new DatasetOptions { Root = new DataRoot(empty.Path) };
        try
        {
            Assert.StartsWith(empty.Path, Assert.Throws<DatasetNotInstalledException>(() => DatasetCatalog.Load("cifar10", options)).LookedFor);
            DatasetLocations.Apply($"CIFAR10 = {folder.Path}");
            Assert.Equal(folder.Path, DatasetLocations.Find("cifar10"));
            var train = DatasetCatalog.Load("cifar10", options with { Split = DatasetSplit.Train });
            Assert.Equal(10, train.Count);
            Assert.Equal([1L, 9L], train.Labels.Take(2));
            (train as IDisposable)?.Dispose();
            // an explicit path still wins
            Assert.StartsWith(empty.Path, Assert.Throws<DatasetNotInstalledException>(() => DatasetCatalog.Load("cifar10", options with { Path = empty.Path })).LookedFor);
        }
        finally
        {
            DatasetLocations.Remove("cifar10");
        }
        Assert.Null(DatasetLocations.Find("cifar10"));
    }

    [Theory]
    [InlineData("cifar10", "name=folder")]
    [InlineData("=~/x", "name=folder")]
    [InlineData("cifar=~/x", "Known: ")]
    [InlineData("cifar10=", "give the folder")]
    public void Malformed_pairs_and_unknown_names_are_refused_with_what_to_write(string pair, string expected)
    {
        Assert.Contains(expected, Assert.ThrowsAny<ArgumentException>(() => DatasetLocations.Apply(pair)).Message);
        Assert.Null(DatasetLocations.Find("cifar"));
    }

    [Fact]
    public void The_missing_data_message_names_every_way_to_give_the_folder()
    {
        using var empty = new TempDir();
        string message = Assert.Throws<DatasetNotInstalledException>(() => DatasetCatalog.Load("cub200", new DatasetOptions { Root = new DataRoot(empty.Path) })).Message;
        Assert.Contains("--data cub200=<folder>", message);
        Assert.Contains("--path <folder>", message);
    }
}
