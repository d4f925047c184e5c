using Autoscale.ScaleController.Config;

namespace Autoscale.ScaleController.Tests.Config;

public sealed class WorkloadReaderTests
{
    [Theory]
    [InlineData("", "apps", "v1", "Deployment")]
    [InlineData("kind: StatefulSet", "apps", "v1", "StatefulSet")]
    [InlineData("kind: LeaderWorkerSet", "leaderworkerset.x-k8s.io", "v1", "LeaderWorkerSet")]
    [InlineData("{kind: LeaderWorkerSet, apiVersion: leaderworkerset.x-k8s.io/v1beta1}", "leaderworkerset.x-k8s.io", "v1beta1", "LeaderWorkerSet")]
    [InlineData("{kind: Rollout, apiVersion: argoproj.io/v1alpha1}", "argoproj.io", "v1alpha1", "Rollout")]
    [InlineData("{kind: ReplicationController, apiVersion: v1}", "", "v1", "ReplicationController")]
    public void Kind_and_api_version_name_any_scale_target(string entry, string group, string version, string kind)
    {
        var fields = entry.Length == 0 ? "" : ", " + entry.Trim('{', '}');
        var result = ConfigLoader.Load($"workloads: [{{namespace: llm, name: m{fields}}}]");

        Assert.Empty(result.Errors);
        var parsed = result.Config!.Workloads.Single().Workload.Kind;
        Assert.Equal((group, version, kind), (parsed.Group, parsed.Version, parsed.Kind));
    }

    [Theory]
    [InlineData("kind: Rollout", "workloads[0].apiVersion: is required for kind \"Rollout\"")]
    [InlineData("apiVersion: argoproj.io/v1alpha1", "workloads[0].kind: is required with apiVersion \"argoproj.io/v1alpha1\"")]
    [InlineData("{kind: Rollout, apiVersion: argoproj.io}", "workloads[0].apiVersion: \"argoproj.io\" is not a valid apiVersion")]
    [InlineData("{kind: Rollout, apiVersion: Argoproj.io/v1}", "workloads[0].apiVersion: \"Argoproj.io/v1\" is not a valid apiVersion")]
    [InlineData("kind: deploy/ment", "workloads[0].kind: \"deploy/ment\" is not a valid kind")]
    public void A_bad_kind_or_api_version_names_the_field(string entry, string expected)
    {
        var result = ConfigLoader.Load($"workloads: [{{namespace: llm, name: m, {entry.Trim('{', '}')}}}]");

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_target_under_two_versions_is_configured_twice()
    {
        var result = ConfigLoader.Load("""
            workloads:
              - {namespace: llm, name: m, kind: LeaderWorkerSet}
              - {namespace: llm, name: m, kind: LeaderWorkerSet, apiVersion: leaderworkerset.x-k8s.io/v1beta1}
              - {namespace: llm, name: m}
            """);

        Assert.Equal(["workloads[1]: LeaderWorkerSet llm/m is already configured by workloads[0]"], result.Errors);
    }
}
