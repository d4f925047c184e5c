using Autoscale.ScaleController.Decide.WarmPool;
using k8s;
using k8s.Models;

namespace Autoscale.ScaleController.Act;

/// <summary>The pod of a <see cref="PlaceholderSpec"/>: low priority, grace period 0, requests = limits of the workload.</summary>
internal static class PlaceholderPodBuilder
{
    public static V1Pod Build(PlaceholderSpec spec)
    {
        var quantities = spec.Requests.ToDictionary(r => r.Key, r => new ResourceQuantity(r.Value));
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = spec.Name,
                NamespaceProperty = spec.Namespace,
                Labels = new Dictionary<string, string>(spec.Labels),
                Annotations = new Dictionary<string, string>(spec.Annotations),
            },
            Spec = new V1PodSpec
            {
                PriorityClassName = spec.PriorityClassName,
                TerminationGracePeriodSeconds = PlaceholderSpec.TerminationGracePeriodSeconds,
                AutomountServiceAccountToken = false,
                EnableServiceLinks = false,
                RestartPolicy = "Always",
                NodeSelector = spec.NodeSelector.Count == 0 ? null : new Dictionary<string, string>(spec.NodeSelector),
                Tolerations = spec.Tolerations.Count == 0 ? null : [.. spec.Tolerations.Select(t => new V1Toleration { Effect = t.Effect, Key = t.Key, OperatorProperty = t.Operator, TolerationSeconds = t.TolerationSeconds, Value = t.Value })],
                Affinity = spec.AffinityJson is null ? null : KubernetesJson.Deserialize<V1Affinity>(spec.AffinityJson),
                ImagePullSecrets = spec.ImagePullSecrets.Count == 0 ? null : [.. spec.ImagePullSecrets.Select(s => new V1LocalObjectReference { Name = s })],
                Containers =
                [
                    new V1Container
                    {
                        Name = "placeholder",
                        Image = spec.Image,
                        Command = spec.Command is null ? null : [.. spec.Command],
                        Resources = new V1ResourceRequirements { Requests = quantities, Limits = Limits(quantities) },
                    },
                ],
            },
        };
    }

    // Extended resources (GPUs) must have limits equal to requests; cpu/memory stay requests only.
    private static Dictionary<string, ResourceQuantity>? Limits(Dictionary<string, ResourceQuantity> requests)
    {
        var extended = requests.Where(r => r.Key.Contains('/', StringComparison.Ordinal)).ToDictionary(r => r.Key, r => r.Value);
        return extended.Count == 0 ? null : extended;
    }
}
