using Autoscale.MetricsAdapter.Api;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Store;
using k8s;
using Prometheus;

namespace Autoscale.MetricsAdapter.Hosting;

/// <summary>What a caller (Program, the demo, a test) hands the composition root beyond flags.</summary>
/// <param name="Kubernetes">The cluster client; null builds one from the kubeconfig or in-cluster config when needed.</param>
/// <param name="Sources">Background services that feed the store (the pipeline, or the demo fleet).</param>
/// <param name="Catalog">The served catalog (it follows the config file); null: the built-in catalog.</param>
/// <param name="Serving">The serving policy (it follows the config file); null: the options' policy.</param>
/// <param name="Registry">Where self-metrics go, shared with the sources; null: a new registry.</param>
/// <param name="Health">Why the source cannot deliver (Prometheus down), surfaced in errors; null: always healthy.</param>
/// <param name="Rules">prometheus-adapter rule metrics (the Prometheus source when it is the source); null: none.</param>
internal sealed record AdapterDependencies(
    TimeProvider Time,
    MetricStore Store,
    IKubernetes? Kubernetes = null,
    IReadOnlyList<Func<IServiceProvider, IHostedService>>? Sources = null,
    SourceHeartbeat? Heartbeat = null,
    Func<MetricCatalog>? Catalog = null,
    Func<ServingPolicy>? Serving = null,
    CollectorRegistry? Registry = null,
    SourceHealth? Health = null,
    Func<Catalog.Rules.IRuleValues?>? Rules = null);
