using Autoscale.Testing.KubeApi;
using k8s.Models;

namespace Autoscale.Kubectl.Tests.Status;

/// <summary>The broken HPAs the status command must explain, seeded beside the healthy demo workload.</summary>
internal static class Broken
{
    /// <summary>An HPA asking for a metric the adapter does not serve (a typo of vllm_queue_depth).</summary>
    public static void MetricTypo(KubeApiTestServer server) =>
        server.Upsert(Hpa("llama-typo", "llama-3-8b", "vllm_queue_length"));

    /// <summary>A Deployment whose two pods are scheduled and running but still loading their model (Ready=False).</summary>
    public static void AllPodsLoading(KubeApiTestServer server)
    {
        var labels = new Dictionary<string, string> { ["app"] = "loading" };
        server.Upsert(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "loading", NamespaceProperty = "demo" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "vllm", Image = "vllm/vllm-openai:v0.11.0" }] } },
            },
            Status = new V1DeploymentStatus { Replicas = 2 },
        });
        foreach (var name in new[] { "loading-a", "loading-b" })
        {
            server.Upsert(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "demo", Labels = labels, Annotations = new Dictionary<string, string> { ["prometheus.io/port"] = "1" } },
                Spec = new V1PodSpec { NodeName = "gpu-node-7", Containers = [new V1Container { Name = "vllm", Image = "vllm/vllm-openai:v0.11.0" }] },
                Status = new V1PodStatus
                {
                    Phase = "Running",
                    PodIP = "127.0.0.1",
                    Conditions =
                    [
                        new V1PodCondition { Type = "PodScheduled", Status = "True" },
                        new V1PodCondition { Type = "Ready", Status = "False", Reason = "ContainersNotReady" },
                    ],
                },
            });
        }

        server.Upsert(Hpa("loading", "loading", "vllm_queue_depth"));
    }

    /// <summary>A Deployment whose one pod is Ready but whose metrics endpoint refuses every scrape: no fresh sample, ever.</summary>
    public static void StaleSamples(KubeApiTestServer server)
    {
        var labels = new Dictionary<string, string> { ["app"] = "stale" };
        server.Upsert(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "stale", NamespaceProperty = "demo" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "vllm", Image = "vllm/vllm-openai:v0.11.0" }] } },
            },
            Status = new V1DeploymentStatus { Replicas = 1, ReadyReplicas = 1 },
        });
        server.Upsert(new V1Pod
        {
            // Port 1 on loopback: nothing listens, the scrape is refused.
            Metadata = new V1ObjectMeta { Name = "stale-a", NamespaceProperty = "demo", Labels = labels, Annotations = new Dictionary<string, string> { ["prometheus.io/port"] = "1" } },
            Spec = new V1PodSpec { NodeName = "gpu-node-6", Containers = [new V1Container { Name = "vllm", Image = "vllm/vllm-openai:v0.11.0" }] },
            Status = new V1PodStatus
            {
                Phase = "Running",
                PodIP = "127.0.0.1",
                Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "True" }, new V1PodCondition { Type = "Ready", Status = "True" }],
            },
        });
        server.Upsert(Hpa("stale", "stale", "vllm_queue_depth"));
    }

    private static V2HorizontalPodAutoscaler Hpa(string name, string target, string metric) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "demo" },
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = target },
            MinReplicas = 1,
            MaxReplicas = 6,
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Pods",
                    Pods = new V2PodsMetricSource { Metric = new V2MetricIdentifier { Name = metric }, Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity("3") } },
                },
            ],
        },
    };
}
