using System.Text.Json.Nodes;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Decide.WarmPool;
using k8s;
using k8s.Models;

namespace Autoscale.ScaleController.Act;

/// <summary>
/// The server-side apply bodies of an <see cref="Decide.Decisions.ApplyCapacityBuffer"/>: the PodTemplate (one
/// chunk's pod: the placeholder pod's spec, see <see cref="BufferFactory"/>) and the CapacityBuffer referencing it by
/// <c>spec.podTemplateRef</c> with <c>spec.replicas</c>. Both name every field we own, so a field dropped from the spec
/// is removed by the apply, and both are dependents of the scale target (ownerReferences, blockOwnerDeletion false).
/// </summary>
internal static class CapacityBufferApply
{
    public static string PodTemplate(BufferSpec spec)
    {
        var pod = PlaceholderPodBuilder.Build(spec.Chunk);
        pod.Spec.PriorityClassName = null;
        var template = new V1PodTemplate
        {
            ApiVersion = "v1",
            Kind = "PodTemplate",
            Metadata = Metadata(spec),
            Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = pod.Metadata.Labels }, Spec = pod.Spec },
        };
        return KubernetesJson.Serialize(template);
    }

    public static string Buffer(BufferSpec spec)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = spec.ApiVersion,
            ["kind"] = CapacityBufferApi.Kind,
            ["metadata"] = JsonNode.Parse(KubernetesJson.Serialize(Metadata(spec))),
            ["spec"] = new JsonObject
            {
                ["podTemplateRef"] = new JsonObject { ["name"] = spec.Name },
                ["replicas"] = spec.Replicas,
            },
        };
        if (spec.ProvisioningStrategy is { } strategy)
        {
            body["spec"]!["provisioningStrategy"] = strategy;
        }

        return body.ToJsonString();
    }

    private static V1ObjectMeta Metadata(BufferSpec spec) => new()
    {
        Name = spec.Name,
        NamespaceProperty = spec.Namespace,
        Labels = new Dictionary<string, string>(spec.Labels),
        Annotations = new Dictionary<string, string>(spec.Annotations),
        OwnerReferences = spec.OwnerUid is { } uid
            ? [new V1OwnerReference { ApiVersion = spec.Owner.Kind.ApiVersion, Kind = spec.Owner.Kind.Kind, Name = spec.Owner.Name, Uid = uid, BlockOwnerDeletion = false }]
            : null,
    };
}
