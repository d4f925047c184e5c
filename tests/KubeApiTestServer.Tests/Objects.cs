using k8s.Models;

namespace Autoscale.Testing.KubeApi.Tests;

/// <summary>Small object builders shared by the tests.</summary>
internal static class Objects
{
    public static V1Pod Pod(string ns, string name, params (string Key, string Value)[] labels) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels.ToDictionary(l => l.Key, l => l.Value) },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "vllm", Image = "vllm/vllm-openai" }] },
    };

    public static V1Deployment Deployment(string ns, string name, int replicas) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "vllm", Image = "vllm/vllm-openai" }] },
            },
        },
    };
}
