namespace Autoscale.Testing;

/// <summary>The repository the tests run from: the folder above the test binaries that holds Autoscale.sln.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path below the repository root, from its parts: <c>Repo.Path("deploy", "rbac")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Autoscale.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Autoscale.sln not found above " + AppContext.BaseDirectory);
    }
}
