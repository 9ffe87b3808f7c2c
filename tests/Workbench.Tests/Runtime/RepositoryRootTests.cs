using Workbench.Runtime;

namespace Workbench.Tests.Runtime;

public class RepositoryRootTests
{
    [Fact]
    public void Finds_the_nearest_folder_with_the_solution_and_null_outside_a_checkout()
    {
        string root = Path.Combine(Path.GetTempPath(), "wb-root-" + Guid.NewGuid().ToString("N"));
        string deep = Path.Combine(root, "a", "b");
        Directory.CreateDirectory(deep);
        try
        {
            Assert.Null(RepositoryRoot.Find(deep));
            File.WriteAllText(Path.Combine(root, RepositoryRoot.MarkerFile), "");
            Assert.Equal(root, RepositoryRoot.Find(deep));
            Assert.Equal(root, RepositoryRoot.Find(root));
            Assert.True(File.Exists(Path.Combine(RepositoryRoot.OfRunningAssembly(), "README.md")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
