using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Demo;

/// <summary>
/// The demo's source: vLLM pods in namespace <c>demo</c>, owned by two Deployments (and a Service), whose queue,
/// running batch, KV-cache and GPU metrics move over time. One pod is loading its model for the first minute: it is
/// not capacity, so it is omitted from pod metrics until it turns Ready.
/// </summary>
internal sealed partial class DemoFleet(MetricStore store, SourceHeartbeat heartbeat, TimeProvider time, TimeSpan interval, ILogger<DemoFleet> logger) : BackgroundService
{
    public const string Namespace = "demo";
    private static readonly TimeSpan LoadingFor = TimeSpan.FromSeconds(60);

    private readonly Random _random = new(42);
    private readonly Dictionary<string, (double Requests, double Prompt, double Generated)> _counters = new(StringComparer.Ordinal);

    private static readonly (string Deployment, string Model, int Replicas)[] Workloads =
    [
        ("llama-3-8b", "meta-llama/Llama-3.1-8B-Instruct", 3),
        ("qwen-coder", "Qwen/Qwen2.5-Coder-7B-Instruct", 2),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = time.GetUtcNow();
        PublishInventory(loading: true);
        store.MarkInventorySynced();
        LogStarted(logger, Namespace, Workloads.Sum(w => w.Replicas));
        using var timer = new PeriodicTimer(interval, time);
        var loading = true;
        do
        {
            var now = time.GetUtcNow();
            if (loading && now - started >= LoadingFor)
            {
                loading = false;
                PublishInventory(loading: false);
                LogLoaded(logger, Namespace, "qwen-coder-1");
            }

            Scrape(now, (now - started).TotalSeconds);
            store.MarkSourcesReported();
            heartbeat.Tick(now);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken token)
    {
        try
        {
            return await timer.WaitForNextTickAsync(token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void PublishInventory(bool loading)
    {
        var pods = new List<PodInfo>();
        var workloads = new List<WorkloadInfo>();
        foreach (var (deployment, model, replicas) in Workloads)
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = deployment, ["app.kubernetes.io/name"] = "vllm" };
            for (var i = 0; i < replicas; i++)
            {
                var name = $"{deployment}-{i}";
                var state = loading && name == "qwen-coder-1" ? PodState.NotReady : PodState.Ready;
                pods.Add(new PodInfo(Namespace, name, labels, state));
            }

            var selector = LabelSelector.Parse($"app={deployment}");
            workloads.Add(new WorkloadInfo(GroupResource.Deployments, Namespace, deployment, labels, selector));
            workloads.Add(new WorkloadInfo(GroupResource.Services, Namespace, deployment, labels, selector));
        }

        store.ReplaceInventory(pods, workloads);
    }

    private void Scrape(DateTimeOffset now, double t)
    {
        foreach (var (deployment, model, replicas) in Workloads)
        {
            // A slow wave of demand with noise, per Deployment.
            var phase = deployment.Length;
            for (var i = 0; i < replicas; i++)
            {
                var name = $"{deployment}-{i}";
                var load = Math.Max(0, 6 + 6 * Math.Sin((t / 90.0) + phase + i) + _random.NextDouble() * 2);
                var running = Math.Min(64, Math.Round(load * 4));
                var waiting = Math.Max(0, Math.Round(load - 5));
                var kv = Math.Min(1, 0.1 + running / 80.0);
                var counters = _counters.GetValueOrDefault(name);
                counters = (counters.Requests + (load * 0.8), counters.Prompt + (load * 400), counters.Generated + (load * 180));
                _counters[name] = counters;
                var modelLabel = new Dictionary<string, string>(StringComparer.Ordinal) { ["model_name"] = model };
                var gpuLabel = new Dictionary<string, string>(StringComparer.Ordinal);
                store.Record(new ObjectKey(Namespace, name), "demo",
                [
                    new("vllm_queue_depth", modelLabel, new Sample(waiting, now)),
                    new("vllm_running_requests", modelLabel, new Sample(running, now)),
                    new("vllm_kv_cache_usage", modelLabel, new Sample(kv, now)),
                    new("vllm_requests_per_second", modelLabel, new Sample(counters.Requests, now)),
                    new("vllm_prompt_tokens_per_second", modelLabel, new Sample(counters.Prompt, now)),
                    new("vllm_generation_tokens_per_second", modelLabel, new Sample(counters.Generated, now)),
                    new("gpu_utilization", gpuLabel, new Sample(Math.Min(100, 20 + (load * 7)), now)),
                ]);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo fleet started in namespace {Namespace}: {Pods} vLLM pods")]
    private static partial void LogStarted(ILogger logger, string @namespace, int pods);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Namespace}/{Pod} finished loading its model and is now Ready")]
    private static partial void LogLoaded(ILogger logger, string @namespace, string pod);
}
