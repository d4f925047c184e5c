using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Store;
using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;
using EmulatedState = Autoscale.VllmEmulator.Server.PodState;
using Store = Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Demo;

/// <summary>
/// The demo's stand-in for a cluster: emulated vLLM pods on loopback ports (namespace <c>demo</c>, owned by two
/// Deployments, each behind a Service), driven by a replay of the Azure 2023 conversation trace, and published to the
/// store and the scrape targets as discovery would. The real scrape stage reads their /metrics. One pod loads its model
/// for its first minute: like vLLM it refuses connections meanwhile and is not capacity.
/// </summary>
internal sealed partial class DemoCluster(MetricStore store, ScrapeTargets targets, TimeProvider time, ILogger<DemoCluster> logger) : BackgroundService
{
    public const string Namespace = "demo";
    private static readonly TimeSpan LoadingFor = TimeSpan.FromSeconds(60);

    private static readonly (string Deployment, string Model, int Replicas, double RateScale)[] Workloads =
    [
        ("llama-3-8b", "meta-llama/Llama-3.1-8B-Instruct", 3, 0.5),
        ("qwen-coder", "Qwen/Qwen2.5-Coder-7B-Instruct", 2, 0.35),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var fleet = new EmulatedFleet(time);
        var started = new List<EmulatedVllmPod>();
        foreach (var (deployment, model, replicas, _) in Workloads)
        {
            for (var i = 0; i < replicas; i++)
            {
                var options = new PodOptions
                {
                    Name = $"{deployment}-{i}",
                    Namespace = Namespace,
                    Labels = Labels(deployment),
                    Profile = ReplicaProfiles.Llama31_8B_A10G,
                    ServedModelName = model,
                    LoadDelay = deployment == "qwen-coder" && i == 1 ? LoadingFor : TimeSpan.Zero,
                };
                started.Add(options.LoadDelay > TimeSpan.Zero ? fleet.Launch(options, stoppingToken) : (await fleet.StartAsync([options], stoppingToken))[0]);
            }
        }

        targets.Replace(started.Select(p => new ScrapeTarget(new ObjectKey(Namespace, p.Name), TargetKind.InferenceServer, p.MetricsUri)));
        PublishInventory(fleet);
        store.MarkInventorySynced();
        LogStarted(logger, Namespace, started.Count);

        var trace = AzureLlmTrace.Load(Path.Combine(AppContext.BaseDirectory, "Demo", "AzureLLMInferenceTrace_conv.csv"));
        var drivers = Workloads.Select(w => new TraceDriver(
            trace,
            () => [.. fleet.WithLabel("app", w.Deployment).Where(p => p.State == EmulatedState.Ready)],
            new TraceReplayOptions { RateScale = w.RateScale, Routing = RoutingPolicy.LeastLoaded },
            time).RunAsync(stoppingToken)).ToList();

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                PublishInventory(fleet);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(drivers.Select(d => d.ContinueWith(static _ => { }, TaskScheduler.Default)));
    }

    private EmulatedState[] _published = [];

    private void PublishInventory(EmulatedFleet fleet)
    {
        var states = fleet.Pods.Select(p => p.State).ToArray();
        if (states.SequenceEqual(_published))
        {
            return;
        }

        if (_published.Length > 0)
        {
            LogStateChanged(logger, Namespace, string.Join(", ", fleet.Pods.Select(p => $"{p.Name}={p.State}")));
        }

        _published = states;
        var pods = fleet.Pods.Select(p => new PodInfo(Namespace, p.Name, p.Labels, p.State == EmulatedState.Ready ? Store.PodState.Ready : Store.PodState.NotReady));
        var workloads = Workloads.SelectMany(w =>
        {
            var selector = LabelSelector.Parse($"app={w.Deployment}");
            return new[]
            {
                new WorkloadInfo(GroupResource.Deployments, Namespace, w.Deployment, Labels(w.Deployment), selector),
                new WorkloadInfo(GroupResource.Services, Namespace, w.Deployment, Labels(w.Deployment), selector),
            };
        });
        store.ReplaceInventory(pods, workloads);
    }

    private static Dictionary<string, string> Labels(string deployment) =>
        new(StringComparer.Ordinal) { ["app"] = deployment, ["app.kubernetes.io/name"] = "vllm" };

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo fleet started in namespace {Namespace}: {Pods} emulated vLLM pods on loopback, replaying the Azure 2023 conversation trace")]
    private static partial void LogStarted(ILogger logger, string @namespace, int pods);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo pods in {Namespace}: {States}")]
    private static partial void LogStateChanged(ILogger logger, string @namespace, string states);
}
