namespace Autoscale.Deploy.Tests;

/// <summary>Paths in the repository and the tools scripts/install-test-deps.sh puts into .tools/.</summary>
internal static class Repo
{
    public static string Root => Autoscale.Testing.Repo.Root;

    public static string Deploy => Path.Combine(Root, "deploy");

    public static string NodeModules => Path.Combine(Root, ".tools", "npm", "node_modules");

    public static string Helm => RequireTool(Path.Combine(Root, ".tools", "bin", "helm"));

    /// <summary>Helm must not read or write the user's config, cache or repositories.</summary>
    public static IReadOnlyDictionary<string, string> HelmEnvironment { get; } = HelmHome(Path.Combine(Path.GetTempPath(), "autoscale-deploy-tests-helm"));

    /// <summary>kubectl v1.33 from .tools when installed, else the one on PATH (v1.32; both embed kustomize).</summary>
    public static string Kubectl
    {
        get
        {
            var local = Path.Combine(Root, ".tools", "bin", "kubectl");
            return File.Exists(local) ? local : "kubectl";
        }
    }

    private static Dictionary<string, string> HelmHome(string home) => new()
    {
        ["HELM_CONFIG_HOME"] = Path.Combine(home, "config"),
        ["HELM_CACHE_HOME"] = Path.Combine(home, "cache"),
        ["HELM_DATA_HOME"] = Path.Combine(home, "data"),
    };

    private static string RequireTool(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run scripts/install-test-deps.sh");
}
