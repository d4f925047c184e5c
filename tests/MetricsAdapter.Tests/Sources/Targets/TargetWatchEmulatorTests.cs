using Autoscale.MetricsAdapter.Sources;
using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;

namespace Autoscale.MetricsAdapter.Tests.Sources.Targets;

/// <summary>Discovered targets are real, reachable /metrics endpoints: emulated vLLM pods on loopback.</summary>
public sealed class TargetWatchEmulatorTests
{
    [Fact]
    public async Task Targets_resolve_to_emulated_vllm_pods_that_answer_with_vllm_metrics()
    {
        await using var fleet = new EmulatedFleet(TimeProvider.System);
        var pods = await fleet.StartAsync(
        [
            new PodOptions { Name = "llama-0", Namespace = "llm", Labels = Kube.Vllm, Profile = ReplicaProfiles.Llama31_8B_A10G },
            new PodOptions { Name = "llama-1", Namespace = "llm", Labels = Kube.Vllm, Profile = ReplicaProfiles.Llama31_8B_A10G },
        ]);
        await using var h = await TargetWatchHarness.StartAsync();
        h.Server.Upsert(Kube.Deployment("llm", "llama"));
        h.Server.Upsert(Kube.Hpa("llm", "llama", "llama", Kube.PodsMetric("vllm_queue_depth")));
        h.Server.Upsert(Kube.Pod("llm", "llama-0", ip: "127.0.0.1", annotations: new Dictionary<string, string> { ["prometheus.io/port"] = pods[0].Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        h.Server.Upsert(Kube.Pod("llm", "llama-1", ip: "127.0.0.1", ports: [Kube.Port("metrics", pods[1].Port)]));

        await h.RunAsync();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var pod in pods)
        {
            var target = h.Target("llm", pod.Name);
            Assert.Equal(pod.MetricsUri, target?.Url);
            var page = await http.GetStringAsync(target!.Url);
            Assert.Contains("vllm:num_requests_waiting", page, StringComparison.Ordinal);
        }

        Assert.All(h.Targets.Current, t => Assert.Equal(TargetKind.InferenceServer, t.Kind));
    }
}
