using k8s.Models;

namespace Autoscale.MetricsAdapter.Tests.Sources.Targets;

/// <summary>Builders for the objects discovery reads.</summary>
internal static class Kube
{
    public static readonly Dictionary<string, string> Vllm = new() { ["app"] = "vllm" };

    public static V1Pod Pod(
        string ns, string name, IDictionary<string, string>? labels = null, string? ip = "10.0.0.1", bool ready = true,
        string phase = "Running", IDictionary<string, string>? annotations = null, params V1ContainerPort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels ?? Vllm, Annotations = annotations },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "server", Image = "vllm/vllm-openai", Ports = ports.Length == 0 ? null : ports }] },
        Status = new V1PodStatus
        {
            Phase = phase,
            PodIP = ip,
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
        },
    };

    public static V1ContainerPort Port(string name, int port) => new() { Name = name, ContainerPort = port };

    public static V1Deployment Deployment(string ns, string name, IDictionary<string, string>? selector = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["team"] = "llm" } },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = selector ?? Vllm },
            Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = selector ?? Vllm } },
        },
    };

    public static V2HorizontalPodAutoscaler Hpa(string ns, string name, string target, params V2MetricSpec[] metrics) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = target },
            MaxReplicas = 10,
            Metrics = metrics,
        },
    };

    public static V2MetricSpec PodsMetric(string metric) => new()
    {
        Type = "Pods",
        Pods = new V2PodsMetricSource { Metric = new V2MetricIdentifier { Name = metric }, Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity("5") } },
    };

    public static V2MetricSpec CpuMetric() => new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 70 } },
    };
}
