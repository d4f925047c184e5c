using Autoscale.MetricsAdapter.Sources.Targets;
using Autoscale.MetricsAdapter.Store;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Tests.Sources.Targets;

public sealed class PodStatesTests
{
    [Theory]
    [InlineData("Running", true, false, false, "Ready")]
    [InlineData("Running", false, false, false, "NotReady")] // vLLM still loading its model
    [InlineData("Pending", false, false, false, "Pending")]
    [InlineData("Unknown", true, false, false, "NotReady")]
    [InlineData("Running", true, true, false, "Terminating")]
    [InlineData("Running", true, false, true, "Asleep")]
    [InlineData("Running", false, false, true, "NotReady")]
    public void State_follows_phase_readiness_deletion_and_sleep(string phase, bool ready, bool deleting, bool asleep, string expected)
    {
        var pod = Kube.Pod("ns", "p", ready: ready, phase: phase);
        if (deleting)
        {
            pod.Metadata.DeletionTimestamp = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        }

        Assert.Equal(Enum.Parse<PodState>(expected), PodStates.Of(pod, asleep));
    }

    [Fact]
    public void A_pod_without_status_is_pending()
    {
        Assert.Equal(PodState.Pending, PodStates.Of(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" } }));
    }
}
