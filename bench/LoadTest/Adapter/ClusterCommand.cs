using System.Globalization;
using Autoscale.Testing.KubeApi;
using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// <c>adapter cluster</c>, the child that stands in for a cluster: N emulated vLLM pods on loopback ports
/// (<see cref="EmulatedFleet"/>) and the Kubernetes API test server listing them as Ready pods with IP 127.0.0.1 and a
/// <c>prometheus.io/port</c> annotation, so the adapter finds and scrapes them as it would in a cluster. Load: the
/// Azure 2023 conversation trace replayed round-robin at <see cref="RequestsPerPodPerSecond"/> per pod; or, with
/// <c>--static</c>, a frozen clock and pod i holding <see cref="StaticQueue"/>(i) waiting requests (for tests).
/// Handshake: <c>api URL</c>, <c>pods N</c>, <c>ready</c>; closing stdin stops it.
/// </summary>
internal static class ClusterCommand
{
    public const double RequestsPerPodPerSecond = 0.1;

    public static int StaticQueue(int pod) => pod % 5 + 1;

    public static async Task<int> RunAsync(ClusterOptions options, TextWriter output)
    {
        var time = options.Static ? new FakeTimeProvider(TimeProvider.System.GetUtcNow()) : TimeProvider.System;
        await using var fleet = new EmulatedFleet(time);
        // One server for the whole fleet, each pod on its own port-0 socket: 5,000 pods start in about 2 s.
        var pods = new List<EmulatedVllmPod>(await fleet.StartAsync(Enumerable.Range(0, options.Pods).Select(i => new PodOptions
        {
            Name = BenchFleet.PodName(i),
            Namespace = BenchFleet.Namespace,
            Labels = BenchFleet.Labels(i, options.Layouts),
            Profile = ReplicaProfiles.Llama31_8B_A10G,
            ServedModelName = "meta-llama/Llama-3.1-8B-Instruct",
        })).ConfigureAwait(false));

        await using var api = await KubeApiTestServer.StartAsync().ConfigureAwait(false);
        api.Upsert(new V1Namespace { Metadata = new V1ObjectMeta { Name = BenchFleet.Namespace } });
        foreach (var pod in pods)
        {
            api.Upsert(Pod(pod));
        }

        using var stop = new CancellationTokenSource();
        Task load = Task.CompletedTask;
        if (options.Static)
        {
            for (var i = 0; i < pods.Count; i++)
            {
                for (var r = 0; r < StaticQueue(i); r++)
                {
                    pods[i].Submit(500, 100);
                }
            }
        }
        else
        {
            var trace = AzureLlmTrace.Load(Path.Combine(AppContext.BaseDirectory, "traces", "azure-llm-2023", "AzureLLMInferenceTrace_conv.csv"));
            var traceRate = trace.Count / Math.Max(1, trace[^1].OffsetSeconds);
            load = new TraceDriver(trace, fleet, new TraceReplayOptions { RateScale = pods.Count * RequestsPerPodPerSecond / traceRate }).RunAsync(stop.Token);
        }

        await output.WriteLineAsync(Handshake.Api(api.BaseAddress)).ConfigureAwait(false);
        await output.WriteLineAsync(Handshake.Pods(pods.Count)).ConfigureAwait(false);
        await output.WriteLineAsync("ready").ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);

        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is not null)
        {
        }

        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await load.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    private static V1Pod Pod(EmulatedVllmPod pod) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = pod.Name,
            NamespaceProperty = pod.Namespace,
            Labels = pod.Labels.ToDictionary(),
            Annotations = new Dictionary<string, string> { ["prometheus.io/port"] = pod.Port.ToString(CultureInfo.InvariantCulture) },
        },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "vllm", Image = "vllm/vllm-openai" }] },
        Status = new V1PodStatus
        {
            Phase = "Running",
            PodIP = "127.0.0.1",
            Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }],
        },
    };
}
