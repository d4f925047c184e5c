namespace Autoscale.Deploy.Tests;

/// <summary>Paths in the repository and the tools scripts/install-test-deps.sh puts into .tools/.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Deploy => Path.Combine(Root, "deploy");

    public static string NodeModules => Path.Combine(Root, ".tools", "npm", "node_modules");

    public static string Helm => RequireTool(Path.Combine(Root, ".tools", "bin", "helm"));

    /// <summary>kubectl v1.33 from .tools when installed, else the one on PATH (v1.32; both embed kustomize).</summary>
    public static string Kubectl
    {
        get
        {
            var local = Path.Combine(Root, ".tools", "bin", "kubectl");
            return File.Exists(local) ? local : "kubectl";
        }
    }

    private static string RequireTool(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run scripts/install-test-deps.sh");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Autoscale.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Autoscale.sln not found above " + AppContext.BaseDirectory);
    }
}
