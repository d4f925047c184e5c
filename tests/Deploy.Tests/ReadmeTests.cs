namespace Autoscale.Deploy.Tests;

/// <summary>Issue #13 item 8: deploy/README.md stated other resource requests than the manifests set.</summary>
public sealed class ReadmeTests
{
    [Theory]
    [InlineData("autoscale-metrics-adapter", "adapter")]
    [InlineData("autoscale-scale-controller", "controller")]
    public void The_resources_the_README_states_are_those_of_the_manifests_and_the_chart(string deployment, string who)
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Deploy, "README.md"));
        foreach (var objects in new[] { Render.Kustomize("."), Render.Helm() })
        {
            var resources = objects.Single(o => o.Key == $"Deployment autoscale/{deployment}")["spec.template.spec.containers[0].resources"]!;
            var stated = $"{who} requests {resources["requests"]!["cpu"]} / {resources["requests"]!["memory"]}, limit {resources["limits"]!["memory"]}";

            Assert.Contains(stated, readme.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }
}
