using Autoscale.Hosting;
using Autoscale.Kubernetes.Watch;
using Autoscale.ScaleController.Kube;
using Autoscale.ScaleController.Loop;

namespace Autoscale.ScaleController.Hosting;

/// <summary>Everything the command line sets; see <see cref="CommandLine.Usage"/>.</summary>
internal sealed record ControllerOptions
{
    /// <summary>Local-file mode when set; otherwise the ConfigMap <see cref="ConfigMapName"/> in <see cref="ConfigNamespace"/>.</summary>
    public string? ConfigFile { get; init; }

    public string ConfigNamespace { get; init; } = "autoscale";

    public string ConfigMapName { get; init; } = "autoscale-scale-controller-config";

    public TimeSpan ConfigFileInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Null: in-cluster config, else $KUBECONFIG / ~/.kube/config.</summary>
    public string? Kubeconfig { get; init; }

    public string BindAddress { get; init; } = "0.0.0.0";

    /// <summary><c>--log-format</c>, <c>--log-level</c>, <c>--v</c>.</summary>
    public LogSettings Log { get; init; } = LogSettings.Default;

    /// <summary>/healthz, /readyz and /metrics; -1 disables, 0 picks a free port.</summary>
    public int HealthPort { get; init; } = 8081;

    public bool LeaderElect { get; init; } = true;

    public string LeaderElectionNamespace { get; init; } = "autoscale";

    public string LeaseName { get; init; } = "autoscale-scale-controller";

    /// <summary>Default: $POD_NAME, else the host name.</summary>
    public string? Identity { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    public LoopOptions Loop { get; init; } = LoopOptions.Default;

    public ApiRetryOptions ApiRetry { get; init; } = ApiRetryOptions.Default;

    /// <summary>Reflector tuning (watch timeout, backoff after a failed list/watch).</summary>
    public ReflectorOptions Watch { get; init; } = new();

    /// <summary>How often API discovery is asked again whether the CapacityBuffer API is served (not a flag: tests shorten it).</summary>
    public TimeSpan CapacityBufferDiscovery { get; init; } = Autoscale.ScaleController.Watch.CapacityBuffers.CapacityBufferDiscovery.DefaultInterval;

    /// <summary>Decide and log, write nothing: overrides the config's dryRun.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Extra innermost handlers of the API client (after retry and error counting, before the transport). Not a flag:
    /// tests use it to answer paths the Kubernetes API test server does not serve, such as custom.metrics.k8s.io.
    /// </summary>
    public IReadOnlyList<Func<DelegatingHandler>> ApiHandlers { get; init; } = [];

    /// <summary>Only validate <see cref="ConfigFile"/> and exit (0 valid, 1 invalid).</summary>
    public bool Check { get; init; }
}
