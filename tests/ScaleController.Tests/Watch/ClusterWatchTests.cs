using Autoscale.Kubernetes.Watch;
using Autoscale.ScaleController.Act;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Loop;
using Autoscale.ScaleController.Telemetry;
using Autoscale.ScaleController.Tests.Act;
using Autoscale.ScaleController.Tests.Kube;
using Autoscale.ScaleController.Watch;
using Autoscale.ScaleController.Watch.Demand;
using Autoscale.ScaleController.Watch.QueueDepth;
using Autoscale.ScaleController.Watch.ScaleTargets;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace Autoscale.ScaleController.Tests.Watch;

public sealed class ClusterWatchTests
{
    private const string Config = """
        workloads:
          - namespace: llm
            name: qwen
        """;

    private static readonly WatchScope QwenPods = new("llm", "app=qwen");

    [Fact]
    public async Task A_round_reads_the_caches_once_and_decides_on_that_one_snapshot()
    {
        await using var act = await ActFixture.StartAsync();
        var cache = new CountingClusterCache([Seed.Hpa("llm", "qwen", "qwen")], [Seed.Deployment("llm", "qwen", replicas: 2)]);
        var (loop, _) = Loop(cache, act);

        // Round 1: the pod watch starts and lists right away, but after the snapshot was taken: no decision on it.
        await loop.RoundAsync(CancellationToken.None);
        Assert.Equal(1, cache.Snapshots);
        Assert.Equal([QwenPods], cache.Watched);
        Assert.Equal(0, loop.Rounds);

        // Rounds 2 and 3 decide, each on exactly one snapshot.
        await loop.RoundAsync(CancellationToken.None);
        Assert.Equal(2, cache.Snapshots);
        Assert.Equal(1, loop.Rounds);
        await loop.RoundAsync(CancellationToken.None);
        Assert.Equal(3, cache.Snapshots);
        Assert.Equal(2, loop.Rounds);
    }

    [Fact]
    public async Task The_published_round_holds_the_managed_workloads_as_observed_in_the_snapshot()
    {
        await using var act = await ActFixture.StartAsync();
        var cache = new CountingClusterCache([Seed.Hpa("llm", "qwen", "qwen")], [Seed.Deployment("llm", "qwen", replicas: 2)]) { ListOnWatch = false };
        var (_, watch) = Loop(cache, act);
        var config = Feed().Store.Snapshot;

        Assert.Null(await watch.ObserveAsync(config, dryRun: false, CancellationToken.None));

        cache.ListOnWatch = true;
        Assert.Null(await watch.ObserveAsync(config, dryRun: false, CancellationToken.None));
        var round = await watch.ObserveAsync(config, dryRun: true, CancellationToken.None);

        Assert.Equal(3, cache.Snapshots);
        Assert.NotNull(round);
        Assert.True(round.Effective.DryRun);
        var qwen = Assert.Single(round.Observed.Workloads);
        Assert.Equal(new WorkloadRef("llm", "qwen"), qwen.Ref);
        Assert.Equal(2, qwen.Replicas);
        Assert.Equal("qwen", qwen.Hpa?.Ref.Name);
    }

    private static ConfigFeed Feed()
    {
        var feed = new ConfigFeed(new ConfigStore(NullLogger<ConfigStore>.Instance), new ControllerMetrics(Prometheus.Metrics.NewCustomRegistry()));
        feed.Apply(Config, "1");
        return feed;
    }

    private static (ControllerLoop Loop, ClusterWatch Watch) Loop(CountingClusterCache cache, ActFixture act)
    {
        var metrics = new ControllerMetrics(Prometheus.Metrics.NewCustomRegistry());
        var time = TimeProvider.System;
        var api = new ApiReader(act.Client);
        var watch = new ClusterWatch(
            cache,
            new ScaleTargetReader(api, new ResourceDiscovery(api, time), metrics, time, NullLogger.Instance),
            new QueueDepthFeed(new QueueDepthReader(act.Client), metrics, time, NullLogger.Instance),
            new DemandFeed(act.Client, metrics, time, NullLogger.Instance),
            NullLogger.Instance);
        var feed = Feed();
        var configEvents = new ConfigEventReporter(feed, new EventRecorder(act.Client, "test-0", time), null, NullLogger.Instance);

        // A follower decides but does not act: the round needs nothing from the API server.
        act.Leadership.Lose();
        var loop = new ControllerLoop(watch, feed, act.Actor, configEvents, act.Leadership, metrics, LoopOptions.Default, time, NullLogger<ControllerLoop>.Instance);
        return (loop, watch);
    }
}
