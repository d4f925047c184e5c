using System.Collections.Concurrent;

namespace Autoscale.Deploy.Tests;

/// <summary>Renders deploy/ with the real kubectl kustomize and helm template; cached per input.</summary>
internal static class Render
{
    public const string Namespace = "autoscale";

    /// <summary>Values for a chart install without cert-manager (a dummy, not a real certificate).</summary>
    public static readonly string[] NoCertManager = ["certManager.enabled=false", "apiService.caBundle=Y2EK"];

    private static readonly ConcurrentDictionary<string, Lazy<string>> Cache = new();

    public static string KustomizeYaml(string dir) =>
        Cached("k:" + dir, () => Tool.Run(Repo.Kubectl, ["kustomize", Path.Combine(Repo.Deploy, dir)]).OrThrow("kubectl kustomize " + dir));

    public static IReadOnlyList<KObject> Kustomize(string dir) => Manifest.Parse(KustomizeYaml(dir));

    public static string HelmYaml(params string[] sets) =>
        Cached("h:" + string.Join(',', sets), () => Tool.Run(Repo.Helm, HelmArgs(sets), Repo.HelmEnvironment).OrThrow("helm template"));

    public static IReadOnlyList<KObject> Helm(params string[] sets) => Manifest.Parse(HelmYaml(sets));

    public static ToolResult HelmTemplateRaw(params string[] sets) => Tool.Run(Repo.Helm, HelmArgs(sets), Repo.HelmEnvironment);

    private static List<string> HelmArgs(string[] sets)
    {
        var args = new List<string> { "template", "autoscale", Path.Combine(Repo.Deploy, "chart"), "--namespace", Namespace };
        foreach (var set in sets)
        {
            args.Add("--set");
            args.Add(set);
        }

        return args;
    }

    private static string Cached(string key, Func<string> render) =>
        Cache.GetOrAdd(key, _ => new Lazy<string>(render)).Value;
}
