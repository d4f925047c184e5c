using Autoscale.ScaleController.Hosting;
using Autoscale.ScaleController.Tests.Kube;
using Autoscale.Testing.KubeApi;
using k8s.Models;

namespace Autoscale.ScaleController.Tests.Controller;

public sealed class LeaderElectionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Only_the_leader_writes_and_a_stopped_leader_hands_over_without_double_placeholders()
    {
        await using var h = await ControllerHarness.StartAsync();
        h.ScriptColdStarts();
        var a = await h.StartControllerAsync("pod-a");
        var b = await h.StartControllerAsync("pod-b");
        await Eventually.TrueAsync(() => h.Placeholders().Count == 1 && h.Hpa().Spec.Behavior?.ScaleDown?.StabilizationWindowSeconds == 240, Timeout, "the leader acted");
        await Eventually.TrueAsync(() => a.Parts.Loop.Rounds > 3 && b.Parts.Loop.Rounds > 3, Timeout, "both run rounds");

        var (leader, follower) = a.Parts.Leadership.IsLeader ? (a, b) : (b, a);
        Assert.False(follower.Parts.Leadership.IsLeader);
        Assert.Empty(NonLeaseWrites(h, follower.Parts.Identity));
        Assert.NotEmpty(NonLeaseWrites(h, leader.Parts.Identity));
        Assert.Equal((1, 0), (leader.Parts.Metrics.Leader.Value, follower.Parts.Metrics.Leader.Value));

        // A refused edit is reported once, by the leader; the last good config survives the handover.
        h.Server.Upsert(Seed.ConfigMap("workloads: {}"));
        await Eventually.TrueAsync(() => h.Server.List<Corev1Event>("autoscale").Count == 1 && follower.Parts.Metrics.ConfigValid.Value == 0, Timeout, "InvalidConfig event");
        await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);

        var stopped = TimeProvider.System.GetTimestamp();
        await leader.StopAsync();
        await Eventually.TrueAsync(() => follower.Parts.Leadership.IsLeader, ControllerHarness.Lease, "takeover within the lease duration");
        Assert.True(TimeProvider.System.GetElapsedTime(stopped) < ControllerHarness.Lease);
        var rounds = follower.Parts.Loop.Rounds;
        await Eventually.TrueAsync(() => follower.Parts.Loop.Rounds > rounds + 3, Timeout, "the new leader's rounds");

        Assert.Equal(["qwen-warm-0"], h.Placeholders().Select(p => p.Metadata.Name));
        Assert.DoesNotContain(h.Writes(follower.Parts.Identity), r => r.Resource == "pods" && r.Verb == "create");
        Assert.Equal(1, h.Server.Requests.Count(r => r.Resource == "pods" && r.Verb == "create" && r.StatusCode == 201));

        // The new leader acts: a new cold start changes the window, written by it alone.
        Seed.Pod(h.Server, "llm", "qwen-c", "qwen", scheduled: 20, started: 100, ready: 400);
        await Eventually.TrueAsync(() => h.Hpa().Spec.Behavior.ScaleDown.StabilizationWindowSeconds == 600, Timeout, "the new leader applies");
        Assert.Contains(NonLeaseWrites(h, follower.Parts.Identity), r => r.Resource == "horizontalpodautoscalers");
        Assert.Single(h.Server.List<Corev1Event>("autoscale"));
    }

    [Fact]
    public async Task A_leader_cut_off_from_the_API_stops_acting_and_the_other_takes_over()
    {
        await using var h = await ControllerHarness.StartAsync();
        var a = await h.StartControllerAsync("pod-a");
        await Eventually.TrueAsync(() => a.Parts.Leadership.IsLeader && h.Placeholders().Count == 1, Timeout, "pod-a leads and acted");
        var b = await h.StartControllerAsync("pod-b");
        await Eventually.TrueAsync(() => b.Parts.Cache.Synced, Timeout, "pod-b's caches are warm");

        h.Server.InjectFaults(r => r.User == ControllerHarness.User("pod-a") ? InjectedFault.InternalError : null);
        await Eventually.TrueAsync(() => !a.Parts.Leadership.IsLeader, Timeout, "pod-a steps down");
        await Eventually.TrueAsync(() => b.Parts.Leadership.IsLeader, Timeout, "pod-b takes over after the lease");
        var rounds = b.Parts.Loop.Rounds;
        await Eventually.TrueAsync(() => b.Parts.Loop.Rounds > rounds + 3, Timeout, "pod-b's rounds as leader");

        Assert.Single(h.Placeholders());
        Assert.DoesNotContain(h.Writes("pod-b"), r => r.Resource == "pods");
        h.Server.InjectFaults(null);
    }

    private static List<RecordedRequest> NonLeaseWrites(ControllerHarness h, string identity) =>
        [.. h.Writes(identity).Where(r => r.Resource != "leases")];
}
