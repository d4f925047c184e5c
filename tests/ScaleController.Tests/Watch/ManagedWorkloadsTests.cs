using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Tests.Kube;
using Autoscale.ScaleController.Watch;

namespace Autoscale.ScaleController.Tests.Watch;

public sealed class ManagedWorkloadsTests
{
    private static readonly Dictionary<string, string> Managed = new() { [ManagedWorkloads.ManagedAnnotation] = "true" };

    [Theory]
    [InlineData("apps/v1", "Deployment", "Deployment")]
    [InlineData("leaderworkerset.x-k8s.io/v1", "LeaderWorkerSet", "LeaderWorkerSet")]
    [InlineData("argoproj.io/v1alpha1", "Rollout", "Rollout.argoproj.io")]
    public void An_annotated_hpa_manages_its_target_whatever_its_kind(string apiVersion, string kind, string printed)
    {
        var hpa = CustomResources.Hpa("llm", "m", apiVersion, kind, Managed);

        var effective = ManagedWorkloads.Effective(new ConfigSnapshot(ControllerConfig.Empty, null, "1"), [hpa]);

        var workload = effective.Workloads.Single();
        Assert.Equal(("llm/m", printed, "m"), (workload.Workload.ToString(), workload.Workload.Kind.ToString(), workload.HpaName));
    }

    [Theory]
    [InlineData("", "LeaderWorkerSet")]
    [InlineData("leaderworkerset.x-k8s.io/v1", "")]
    [InlineData("Not A Group/v1", "LeaderWorkerSet")]
    public void A_malformed_target_reference_is_not_managed(string apiVersion, string kind) =>
        Assert.Null(ManagedWorkloads.Target(CustomResources.Hpa("llm", "m", apiVersion, kind, Managed)));

    [Fact]
    public void A_configured_target_is_not_added_twice_whatever_the_hpa_version()
    {
        var configured = ControllerConfig.Empty with
        {
            Workloads = [new WorkloadConfig(new WorkloadRef("llm", "m", WorkloadKind.LeaderWorkerSet), "other-hpa", false, WorkloadPolicy.Default)],
        };
        var hpa = CustomResources.Hpa("llm", "m", "leaderworkerset.x-k8s.io/v1beta1", "LeaderWorkerSet", Managed);

        Assert.Single(ManagedWorkloads.Effective(new ConfigSnapshot(configured, null, "1"), [hpa]).Workloads);
    }
}
