using System.Text.Json.Nodes;
using Autoscale.Testing.KubeApi;
using k8s.Models;

namespace Autoscale.ScaleController.Tests.Kube;

/// <summary>
/// cluster-autoscaler's CapacityBuffer CRD (autoscaling.x-k8s.io, namespaced, status subresource; versions as its
/// config/crd manifest serves them) on the Kubernetes API test server, and the buffer controller's part: writing
/// status conditions.
/// </summary>
internal static class CapacityBuffers
{
    public const string Group = "autoscaling.x-k8s.io";

    public static void AddCrd(KubeApiTestServer server, params string[] versions) =>
        server.AddCustomResourceDefinition(new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = "capacitybuffers." + Group },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = Group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Kind = "CapacityBuffer", Plural = "capacitybuffers", Singular = "capacitybuffer", ListKind = "CapacityBufferList", ShortNames = ["cb"] },
                Versions = [.. (versions.Length == 0 ? ["v1alpha1", "v1beta1"] : versions).Select((v, i) => new V1CustomResourceDefinitionVersion
                {
                    Name = v,
                    Served = true,
                    Storage = i == versions.Length - 1,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                })],
            },
        });

    public static IReadOnlyList<JsonObject> List(KubeApiTestServer server, string ns) =>
        [.. server.ListJson(Group, "CapacityBuffer", ns)];

    /// <summary>What cluster-autoscaler's buffer controller writes once it accepts and provisions a buffer.</summary>
    public static void Provisioning(KubeApiTestServer server, JsonObject buffer, int replicas, string provisioning = "True", string ready = "True")
    {
        var copy = (JsonObject)buffer.DeepClone();
        copy["status"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["podTemplateRef"] = new JsonObject { ["name"] = copy["spec"]!["podTemplateRef"]!["name"]!.GetValue<string>() },
            ["conditions"] = new JsonArray(
                Condition("ReadyForProvisioning", ready, ready == "True" ? "Resolved" : "InvalidTemplate"),
                Condition("Provisioning", provisioning, provisioning == "True" ? "Provisioning" : "NotProvisioning")),
        };
        server.UpsertJson(copy.ToJsonString());
    }

    private static JsonObject Condition(string type, string status, string reason) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["reason"] = reason,
        ["message"] = "",
        ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
    };
}
