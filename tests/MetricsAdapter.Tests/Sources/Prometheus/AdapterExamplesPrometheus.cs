using System.Globalization;
using System.Text;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Sources.Prometheus;
using Autoscale.MetricsAdapter.Sources.Prometheus.Client;
using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;
using Autoscale.MetricsAdapter.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

/// <summary>
/// One real Prometheus per test class over series backfilled with <c>promtool tsdb create-blocks-from openmetrics</c>:
/// samples every 10 s from 15 minutes before the test to 15 minutes after, gauges constant and counters growing at a
/// fixed rate, so a query at any moment of the run has one exact answer (rate() over evenly spaced linear samples is
/// exactly the slope). <see cref="Adapter"/> puts a config's rules in front of it.
/// </summary>
public sealed class AdapterExamplesPrometheus : IAsyncLifetime
{
    /// <summary>(series name, labels, value at the start, increase per second).</summary>
    internal static readonly (string Name, string Labels, double Start, double PerSecond)[] Series =
    [
        // docs/config-walkthrough.md: http_requests_total with kubernetes_namespace/kubernetes_pod_name and a method label.
        ("http_requests_total", "kubernetes_namespace=\"production\",kubernetes_pod_name=\"frontend-server-abcd-0123\",method=\"GET\"", 1000, 1.5),
        ("http_requests_total", "kubernetes_namespace=\"production\",kubernetes_pod_name=\"frontend-server-abcd-0123\",method=\"POST\"", 1000, 0.5),
        ("http_requests_total", "kubernetes_namespace=\"production\",kubernetes_pod_name=\"frontend-server-abcd-4567\",method=\"GET\"", 1000, 0.25),

        // cAdvisor series for the Helm chart's default rules (the POD container is excluded by its queries).
        ("container_cpu_usage_seconds_total", "namespace=\"llm\",pod=\"llama-0\",container=\"vllm\"", 5000, 0.5),
        ("container_cpu_usage_seconds_total", "namespace=\"llm\",pod=\"llama-0\",container=\"sidecar\"", 5000, 0.25),
        ("container_cpu_usage_seconds_total", "namespace=\"llm\",pod=\"llama-0\",container=\"POD\"", 5000, 100),
        ("container_memory_working_set_bytes", "namespace=\"llm\",pod=\"llama-0\",container=\"vllm\"", 2e9, 0),

        // vLLM as kube-prometheus scrapes it (job, instance, service, endpoint, container labels added by the ServiceMonitor).
        ("vllm:num_requests_waiting", Vllm("llm", "llama-0", "llama", "10.0.0.1:8000"), 12, 0),
        ("vllm:num_requests_waiting", Vllm("llm", "llama-1", "llama", "10.0.0.2:8000"), 3, 0),
        ("vllm:num_requests_waiting", Vllm("batch", "qwen-0", "qwen", "10.0.0.3:8000"), 7, 0),
        ("vllm:request_success_total", Vllm("llm", "llama-0", "llama", "10.0.0.1:8000"), 9000, 2),
        ("vllm:request_success_total", Vllm("llm", "llama-1", "llama", "10.0.0.2:8000"), 9000, 1),
        // production-stack's router counter (constant here: its rule serves the raw counter, so a growing one has no fixed answer).
        ("vllm:num_incoming_requests_total", "namespace=\"llm\",model=\"meta-llama/Llama-3.1-8B-Instruct\",server=\"http://10.0.0.1:8000\"", 4200, 0),

        // dcgm-exporter with kubernetes pod mapping: exported_namespace/exported_pod, one series per GPU.
        ("DCGM_FI_DEV_GPU_UTIL", "exported_namespace=\"llm\",exported_pod=\"llama-0\",gpu=\"0\"", 90, 0),
        ("DCGM_FI_DEV_GPU_UTIL", "exported_namespace=\"llm\",exported_pod=\"llama-0\",gpu=\"1\"", 60, 0),
        ("DCGM_FI_DEV_GPU_UTIL", "exported_namespace=\"llm\",exported_pod=\"llama-1\",gpu=\"0\"", 30, 0),

        // docs/config.md: a microservice label naming deployments.apps, kube_<group>_<resource> labels.
        ("http_server_inflight", "namespace=\"shop\",microservice=\"cart\",kube_apps_statefulset=\"cart-db\",pod=\"a\"", 4, 0),
        ("http_server_inflight", "namespace=\"shop\",microservice=\"cart\",kube_apps_statefulset=\"cart-db\",pod=\"b\"", 9, 0),

        // A custom resource's label (KServe), for association through the cluster's API discovery.
        ("kserve_queue", "namespace=\"llm\",inferenceservice=\"llama\"", 6, 0),

        // docs/externalmetrics.md.
        ("queue_consumer_lag", "name=\"orders\",namespace=\"default\",partition=\"0\"", 30, 0),
        ("queue_consumer_lag", "name=\"orders\",namespace=\"default\",partition=\"1\"", 12, 0),
        ("queue_consumer_lag", "name=\"billing\",namespace=\"default\",partition=\"0\"", 5, 0),
        ("queue_consumer_lag", "name=\"orders\",namespace=\"other\",partition=\"0\"", 100, 0),
        ("queue_depth", "name=\"my-sample-queue\",namespace=\"queue\"", 80, 0),
        ("queue_depth", "name=\"other-queue\",namespace=\"queue\"", 20, 0),
    ];

    internal static readonly PodInfo[] Pods =
    [
        new("llm", "llama-0", new Dictionary<string, string> { ["app"] = "llama" }, PodState.Ready),
        new("llm", "llama-1", new Dictionary<string, string> { ["app"] = "llama" }, PodState.Ready),
        new("batch", "qwen-0", new Dictionary<string, string> { ["app"] = "qwen" }, PodState.Ready),
    ];

    private PrometheusProcess? _prometheus;

    public Uri Url => _prometheus!.Url;

    public async Task InitializeAsync()
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var text = new StringBuilder();
        foreach (var family in Series.GroupBy(s => s.Name, StringComparer.Ordinal))
        {
            text.Append("# TYPE ").Append(family.Key).Append(" unknown\n");
            foreach (var (name, labels, start, perSecond) in family)
            {
                for (var t = now - 900; t <= now + 900; t += 10)
                {
                    var value = start + (perSecond * (t - now + 900));
                    text.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {value.ToString("R", CultureInfo.InvariantCulture)} {t}\n");
                }
            }
        }

        _prometheus = await PrometheusProcess.StartBackfilledAsync(text.Append("# EOF\n").ToString());
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }
    }

    /// <summary>The adapter's Prometheus source over <paramref name="config"/> (a prometheus-adapter config, as is), relisted once.</summary>
    internal async Task<Adapter> AdapterAsync(string config)
    {
        var parsed = AdapterRulesParser.Parse(config);
        var options = new PrometheusSourceOptions
        {
            Url = Url,
            Timeout = TimeSpan.FromSeconds(20), // generous: CI machines are loaded, and no assertion depends on speed
            Rules = parsed.Rules,
            ExternalRules = parsed.ExternalRules,
            Refusals = parsed.Refusals,
        };
        var store = new MetricStore();
        store.ReplaceInventory(Pods, []);
        store.MarkInventorySynced();
        var metrics = new PrometheusSourceMetrics(global::Prometheus.Metrics.NewCustomRegistry());
        var client = new PrometheusClient(PrometheusHttp.CreateClient(options, TimeProvider.System), options, TimeProvider.System);
        var source = new PrometheusSource(options, client, store, TimeProvider.System, NullLogger<PrometheusSource>.Instance, metrics);
        await source.RunOnceAsync(CancellationToken.None);
        Assert.Null(source.Status.LastError);
        var provider = new CatalogMetricsProvider(store, () => source.Catalog, () => new ServingPolicy(TimeSpan.FromSeconds(30)), TimeProvider.System, () => source);
        return new Adapter(source, provider, metrics, parsed);
    }

    private static string Vllm(string ns, string pod, string service, string instance) =>
        $"namespace=\"{ns}\",pod=\"{pod}\",job=\"vllm\",service=\"{service}\",endpoint=\"metrics\",container=\"vllm\",instance=\"{instance}\",model_name=\"m\"";

    /// <summary>A source and the provider HPAs read, as the adapter wires them.</summary>
    internal sealed record Adapter(PrometheusSource Source, CatalogMetricsProvider Provider, PrometheusSourceMetrics Metrics, AdapterRulesConfig Config)
    {
        /// <summary>Discovery as <c>resource/metric</c> (namespaced or not) for the given metric.</summary>
        public IEnumerable<string> Listed(string metric) =>
            Provider.ListAllMetrics().Where(m => m.Metric == metric).Select(m => $"{m.Resource}/{m.Metric}{(m.Namespaced ? "" : " (cluster)")}").Order(StringComparer.Ordinal);

        /// <summary>One object's value, or null for a 404; throws for other Status codes.</summary>
        public async Task<double?> ValueAsync(string resource, string ns, string name, string metric, string metricSelector = "")
        {
            var gr = GroupResource.Parse(resource);
            var info = new CustomMetricInfo(gr, gr != GroupResource.Namespaces, metric);
            var selector = LabelSelector.Parse(metricSelector);
            var key = gr == GroupResource.Namespaces ? new ObjectKey("", name) : new ObjectKey(ns, name);
            try
            {
                await Provider.PrepareAsync(info, key.Namespace, selector, CancellationToken.None);
                using var list = Provider.GetMetricByName(key, info, selector);
                return list.Items[0].Value;
            }
            catch (ApiStatusException e) when (e.Status.Code == 404)
            {
                return null;
            }
        }

        /// <summary>Every object of a wildcard read, name → value.</summary>
        public async Task<Dictionary<string, double>> AllAsync(string resource, string ns, string metric, string selector = "")
        {
            var gr = GroupResource.Parse(resource);
            var info = new CustomMetricInfo(gr, true, metric);
            await Provider.PrepareAsync(info, ns, LabelSelector.Everything, CancellationToken.None);
            using var list = Provider.GetMetricBySelector(ns, LabelSelector.Parse(selector), info, LabelSelector.Everything);
            var result = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var item in list.Items)
            {
                result[item.DescribedObject.Name] = item.Value;
            }

            return result;
        }

        public async Task<IReadOnlyList<ExternalMetricValue>> ExternalAsync(string ns, string metric, string metricSelector = "")
        {
            var selector = LabelSelector.Parse(metricSelector);
            var info = new ExternalMetricInfo(metric);
            await Provider.PrepareExternalAsync(ns, selector, info, CancellationToken.None);
            return Provider.GetExternalMetric(ns, selector, info);
        }
    }
}
