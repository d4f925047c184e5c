using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.WarmPool;

namespace Autoscale.ScaleController.Tests.Config;

public sealed class WorkloadKindTests
{
    [Theory]
    [InlineData("apps/v1", "Deployment", "apps", "v1", "Deployment")]
    [InlineData("leaderworkerset.x-k8s.io/v1", "LeaderWorkerSet", "leaderworkerset.x-k8s.io", "v1", "LeaderWorkerSet")]
    [InlineData("argoproj.io/v1alpha1", "Rollout", "argoproj.io", "v1alpha1", "Rollout.argoproj.io")]
    [InlineData("v1", "ReplicationController", "", "v1", "ReplicationController")]
    public void An_api_version_and_kind_name_a_kind_and_print_as_the_owner_annotation_reads_them(string apiVersion, string kind, string group, string version, string printed)
    {
        var parsed = WorkloadKind.From(apiVersion, kind)!;

        Assert.Equal((group, version, kind, apiVersion), (parsed.Group, parsed.Version, parsed.Kind, parsed.ApiVersion));
        Assert.Equal(printed, parsed.ToString());
        Assert.True(WorkloadKind.TryParse(printed, out var back));
        Assert.Equal(parsed, back);
    }

    [Theory]
    [InlineData("apps/v1", "")]
    [InlineData("", "Deployment")]
    [InlineData("Apps/v1", "Deployment")]
    [InlineData("apps/V1", "Deployment")]
    [InlineData("apps/v1/extra", "Deployment")]
    [InlineData("apps/v1", "Deploy.ment")]
    [InlineData("apps/v1", "1Deployment")]
    public void Malformed_references_are_no_kind(string apiVersion, string kind) => Assert.Null(WorkloadKind.From(apiVersion, kind));

    [Fact]
    public void Identity_is_group_and_kind_not_version()
    {
        var beta = new WorkloadRef("llm", "vllm", WorkloadKind.From("leaderworkerset.x-k8s.io/v1beta1", "LeaderWorkerSet")!);
        var other = new WorkloadRef("llm", "vllm", WorkloadKind.From("example.com/v1", "LeaderWorkerSet")!);

        Assert.Equal(new WorkloadRef("llm", "vllm", WorkloadKind.LeaderWorkerSet), beta);
        Assert.Equal(new WorkloadRef("llm", "vllm", WorkloadKind.LeaderWorkerSet).GetHashCode(), beta.GetHashCode());
        Assert.NotEqual(beta, other);
        Assert.True(WorkloadKind.Deployment.IsWatched);
        Assert.False(WorkloadKind.LeaderWorkerSet.IsWatched);
        Assert.False(WorkloadKind.From("example.com/v1", "Deployment")!.IsWatched);
    }

    [Theory]
    [InlineData("apps/v1", "Deployment")]
    [InlineData("leaderworkerset.x-k8s.io/v1", "LeaderWorkerSet")]
    [InlineData("argoproj.io/v1alpha1", "Rollout")]
    public void A_placeholder_owner_annotation_names_its_workload_back(string apiVersion, string kind)
    {
        var owner = new WorkloadRef("llm", "vllm-70b", WorkloadKind.From(apiVersion, kind)!);

        Assert.Equal(owner, PlaceholderLabels.ParseOwner("llm", PlaceholderLabels.OwnerValue(owner)));
    }
}
