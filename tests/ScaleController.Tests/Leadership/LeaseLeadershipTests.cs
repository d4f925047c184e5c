using Autoscale.ScaleController.Kube;
using Autoscale.ScaleController.Leadership;
using Autoscale.ScaleController.Telemetry;
using Autoscale.ScaleController.Tests.Kube;
using Autoscale.Testing.KubeApi;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autoscale.ScaleController.Tests.Leadership;

public sealed class LeaseLeadershipTests
{
    private static readonly LeaderElectionOptions Fast = new("autoscale", "autoscale-scale-controller", "", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1.5), TimeSpan.FromMilliseconds(200));

    [Fact]
    public async Task One_of_two_leads_and_a_clean_stop_hands_over_at_once()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        var (a, runA, stopA) = Start(server, "pod-a");
        var (b, runB, stopB) = Start(server, "pod-b");

        await Eventually.TrueAsync(() => a.IsLeader || b.IsLeader, TimeSpan.FromSeconds(5), "a leader");
        await Task.Delay(TimeSpan.FromMilliseconds(600), TimeProvider.System);
        Assert.True(a.IsLeader ^ b.IsLeader);
        var (leader, follower, stopLeader, runLeader) = a.IsLeader ? (a, b, stopA, runA) : (b, a, stopB, runB);
        var term = leader.Term;

        var handover = TimeProvider.System.GetTimestamp();
        await stopLeader.CancelAsync();
        await runLeader;

        Assert.True(term.IsCancellationRequested);
        Assert.False(leader.IsLeader);
        await Eventually.TrueAsync(() => follower.IsLeader, TimeSpan.FromSeconds(2), "the follower takes over");
        Assert.True(TimeProvider.System.GetElapsedTime(handover) < Fast.LeaseDuration);
        var lease = server.Get<V1Lease>("autoscale", "autoscale-scale-controller")!;
        Assert.Equal(follower == a ? "pod-a" : "pod-b", lease.Spec.HolderIdentity);
        await stopA.CancelAsync();
        await stopB.CancelAsync();
        await Task.WhenAll(runA, runB);
    }

    [Fact]
    public async Task A_leader_cut_off_from_the_API_steps_down_before_the_other_takes_over()
    {
        // A lease well above the renew deadline: the margin that keeps two leaders apart, even on a loaded machine.
        var options = Fast with { LeaseDuration = TimeSpan.FromSeconds(4) };
        await using var server = await KubeApiTestServer.StartAsync();
        server.AddToken("token-a", "pod-a");
        var (a, runA, stopA) = Start(server, "pod-a", "token-a", options);
        await Eventually.TrueAsync(() => a.IsLeader, TimeSpan.FromSeconds(5), "pod-a leads");
        var (b, runB, stopB) = Start(server, "pod-b", null, options);
        var term = a.Term;

        server.InjectFaults(r => r.User == "pod-a" ? InjectedFault.InternalError : null);
        var both = false;
        await Eventually.TrueAsync(() => (both |= a.IsLeader && b.IsLeader) || b.IsLeader, TimeSpan.FromSeconds(10), "pod-b takes over");

        Assert.False(both, "never two leaders");
        Assert.False(a.IsLeader);
        Assert.True(term.IsCancellationRequested);
        server.InjectFaults(null);
        await stopA.CancelAsync();
        await stopB.CancelAsync();
        await Task.WhenAll(runA, runB);
    }

    private static (LeaseLeadership Leadership, Task Run, CancellationTokenSource Stop) Start(KubeApiTestServer server, string identity, string? token = null, LeaderElectionOptions? options = null)
    {
        var metrics = new ControllerMetrics(Prometheus.Metrics.NewCustomRegistry());
        var client = KubeClientFactory.Create(server.CreateClientConfiguration(token), new ApiRetryOptions(1, TimeSpan.FromMilliseconds(20)), metrics, TimeProvider.System);
        var leadership = new LeaseLeadership(client, (options ?? Fast) with { Identity = identity }, metrics, TimeProvider.System, NullLogger<LeaseLeadership>.Instance);
        var stop = new CancellationTokenSource();
        return (leadership, Task.Run(() => leadership.RunAsync(stop.Token)), stop);
    }
}
