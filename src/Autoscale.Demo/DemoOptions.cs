using Microsoft.Extensions.Logging;

namespace Autoscale.Demo;

/// <summary>What the demo runs and how fast; the defaults are what `dotnet run --project src/Autoscale.Demo` shows.</summary>
internal sealed record DemoOptions
{
    /// <summary>Where the throw-away certificates and the two kubeconfigs go.</summary>
    public string Directory { get; init; } = Path.Combine(Environment.CurrentDirectory, ".demo");

    /// <summary>The adapter's HTTPS port on 127.0.0.1 (0: a free port).</summary>
    public int AdapterPort { get; init; } = 6443;

    /// <summary>
    /// The adapter's KEDA external scaler (gRPC, plaintext h2c) on 127.0.0.1, so a ScaledObject's calls can be tried
    /// locally (-1: off, 0: a free port).
    /// </summary>
    public int KedaScalerPort { get; init; } = 6444;

    /// <summary>The adapter's /metrics port (-1: off, 0: a free port).</summary>
    public int AdapterMetricsPort { get; init; } = 6080;

    /// <summary>A new pod waits this long for the scheduler …</summary>
    public TimeSpan Scheduling { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>… then pulls its image this long …</summary>
    public TimeSpan ImagePull { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>… then loads its model this long (refusing connections, not capacity) before it turns Ready.</summary>
    public TimeSpan ModelLoad { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The HPA controller's sync period (kube-controller-manager --horizontal-pod-autoscaler-sync-period).</summary>
    public TimeSpan HpaSyncPeriod { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The scale controller's round interval.</summary>
    public TimeSpan ControllerInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The adapter's scrape interval.</summary>
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The window of the adapter's latency quantiles (TTFT p95): NotFound, "still warming up", for a pod's first one.</summary>
    public TimeSpan LatencyWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the kubelet stand-in moves pods along and the aggregator checks its APIServices.</summary>
    public TimeSpan KubeletInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Trace seconds per second: the Azure conversation trace's load swings within minutes at 4.</summary>
    public double TraceTimeScale { get; init; } = 4;

    /// <summary>Requests per trace row.</summary>
    public double TraceRateScale { get; init; } = 0.15;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;
}
