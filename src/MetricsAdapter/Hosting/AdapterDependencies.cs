using Autoscale.MetricsAdapter.Api;
using Autoscale.MetricsAdapter.Store;
using k8s;

namespace Autoscale.MetricsAdapter.Hosting;

/// <summary>What a caller (Program, the demo, a test) hands the composition root beyond flags.</summary>
/// <param name="Kubernetes">The cluster client; null builds one from the kubeconfig or in-cluster config when needed.</param>
/// <param name="Sources">Background services that feed the store (discovery and scrapers, or the demo fleet).</param>
internal sealed record AdapterDependencies(
    TimeProvider Time,
    MetricStore Store,
    IKubernetes? Kubernetes = null,
    IReadOnlyList<Func<IServiceProvider, IHostedService>>? Sources = null,
    SourceHeartbeat? Heartbeat = null);
