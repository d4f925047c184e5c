using Autoscale.Testing.KubeApi;
using k8s.Models;

namespace Autoscale.ScaleController.Tests.Kube;

/// <summary>Objects seeded into the Kubernetes API test server: HPAs, workloads, pods with scripted lifecycles.</summary>
internal static class Seed
{
    public static V2HorizontalPodAutoscaler Hpa(string ns, string name, string target, IDictionary<string, string>? annotations = null, V2HorizontalPodAutoscalerBehavior? behavior = null, string kind = "Deployment") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Annotations = annotations },
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = kind, Name = target },
            MinReplicas = 1,
            MaxReplicas = 10,
            Behavior = behavior,
        },
        Status = new V2HorizontalPodAutoscalerStatus { CurrentReplicas = 1, DesiredReplicas = 1 },
    };

    public static V1Deployment Deployment(string ns, string name, int replicas = 1, string gpus = "1") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "vllm",
                            Image = "vllm/vllm-openai:v0.11.0",
                            Resources = new V1ResourceRequirements
                            {
                                Requests = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new(gpus), ["cpu"] = new("4") },
                                Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new(gpus) },
                            },
                        },
                    ],
                },
            },
        },
        Status = new V1DeploymentStatus { Replicas = replicas },
    };

    /// <summary>A workload pod created now (server time), scheduled, started and Ready at the given offsets.</summary>
    public static V1Pod Pod(KubeApiTestServer server, string ns, string name, string app, int? scheduled = null, int? started = null, int? ready = null)
    {
        var created = server.Upsert(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app"] = app } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "vllm", Image = "vllm/vllm-openai:v0.11.0" }] },
            Status = new V1PodStatus { Phase = "Pending" },
        });
        return Progress(server, created, scheduled, started, ready);
    }

    /// <summary>Moves a pod along its lifecycle: offsets are seconds after its creationTimestamp.</summary>
    public static V1Pod Progress(KubeApiTestServer server, V1Pod pod, int? scheduled, int? started, int? ready)
    {
        var created = pod.Metadata.CreationTimestamp!.Value;
        var conditions = new List<V1PodCondition>();
        if (scheduled is { } s)
        {
            conditions.Add(new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = created.AddSeconds(s) });
        }

        if (ready is { } r)
        {
            conditions.Add(new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = created.AddSeconds(r) });
        }

        pod.Status = new V1PodStatus
        {
            Phase = started is null ? "Pending" : "Running",
            Conditions = conditions,
            ContainerStatuses = started is { } t
                ? [new V1ContainerStatus { Name = "vllm", Image = "vllm", ImageID = "", Ready = ready is not null, RestartCount = 0, State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = created.AddSeconds(t) } } }]
                : null,
        };
        return server.Upsert(pod);
    }

    public static V1ConfigMap ConfigMap(string yaml) => new()
    {
        Metadata = new V1ObjectMeta { Name = "autoscale-scale-controller-config", NamespaceProperty = "autoscale" },
        Data = new Dictionary<string, string> { ["config.yaml"] = yaml },
    };

    public static V1PriorityClass PriorityClass() => new()
    {
        Metadata = new V1ObjectMeta { Name = "autoscale-placeholder" },
        Value = -10,
    };
}
