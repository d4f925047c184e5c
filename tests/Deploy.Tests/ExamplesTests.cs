namespace Autoscale.Deploy.Tests;

/// <summary>
/// Issue #13 item 8: deploy/examples created an HPA whose Deployment the examples never create. Every HPA in
/// deploy/examples (the kustomization's and the files applied on their own) must target an object the examples'
/// kustomization creates, of a kind the scale controller (kustomize and chart install) may watch.
/// </summary>
public sealed class ExamplesTests
{
    /// <summary>The deploy/examples/*.yaml files that kustomization.yaml does not list (alternatives applied by hand).</summary>
    internal static IReadOnlyList<string> StandaloneFiles()
    {
        var dir = Path.Combine(Repo.Deploy, "examples");
        var listed = File.ReadAllText(Path.Combine(dir, "kustomization.yaml"));
        return
        [
            .. Directory.GetFiles(dir, "*.yaml")
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(f => f != "kustomization.yaml" && !listed.Contains("- " + f, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal),
        ];
    }

    internal static IReadOnlyList<KObject> Standalone() =>
        [.. StandaloneFiles().SelectMany(f => Manifest.Parse(File.ReadAllText(Path.Combine(Repo.Deploy, "examples", f))))];

    /// <summary>"kustomize" (the kustomization's render) and each standalone file: where HPAs come from.</summary>
    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string> { "kustomize" };
        foreach (var file in StandaloneFiles())
        {
            data.Add(file);
        }

        return data;
    }

    [Fact]
    public void The_examples_have_HPAs_in_the_kustomization_and_on_their_own()
    {
        Assert.Contains(Render.Kustomize("examples"), o => o.Kind == "HorizontalPodAutoscaler");
        Assert.Contains(Standalone(), o => o.Kind == "HorizontalPodAutoscaler");
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Every_HPA_targets_an_object_the_examples_create(string source)
    {
        var created = Render.Kustomize("examples");
        var objects = source == "kustomize" ? created : Manifest.Parse(File.ReadAllText(Path.Combine(Repo.Deploy, "examples", source)));

        foreach (var hpa in objects.Where(o => o.Kind == "HorizontalPodAutoscaler"))
        {
            var kind = (string?)hpa["spec.scaleTargetRef.kind"];
            var apiVersion = (string?)hpa["spec.scaleTargetRef.apiVersion"];
            var name = (string?)hpa["spec.scaleTargetRef.name"];
            Assert.True(
                created.Any(o => o.Kind == kind && o.ApiVersion == apiVersion && o.Name == name && o.Namespace == hpa.Namespace),
                $"{source}: {hpa.Key} targets {apiVersion} {kind} {hpa.Namespace}/{name}, which kubectl apply -k deploy/examples does not create");
        }
    }

    [Theory]
    [InlineData("kustomize:.")]
    [InlineData("helm:")]
    public void The_controller_may_watch_every_target_kind_of_the_examples(string render)
    {
        var grants = Rbac.For(WiringTests.Load(render), "autoscale", "autoscale-scale-controller");
        var targets = Render.Kustomize("examples").Concat(Standalone())
            .Where(o => o.Kind == "HorizontalPodAutoscaler")
            .Select(o => ((string)o["spec.scaleTargetRef.apiVersion"]!, (string)o["spec.scaleTargetRef.kind"]!))
            .Distinct();

        foreach (var (apiVersion, kind) in targets)
        {
            var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
            var resource = kind.ToLowerInvariant() + "s";
            Assert.Contains(grants, g => g.Group == group && g.Resource == resource && g.Verb == "watch");
        }
    }
}
