using Autoscale.Testing.KubeApi;
using k8s.Models;

namespace Autoscale.ScaleController.Tests.Kube;

/// <summary>
/// Custom resources with a /scale subresource, served by the Kubernetes API test server as their CRDs declare:
/// LeaderWorkerSet (leaderworkerset.x-k8s.io/v1; /scale: .spec.replicas, .status.replicas, .status.hpaPodSelector)
/// and a Rollout-like kind whose pod template the controller does not know (/scale selector at .status.selector).
/// </summary>
internal static class CustomResources
{
    public const string LwsGroup = "leaderworkerset.x-k8s.io";
    public const string RolloutGroup = "argoproj.io";

    public static void AddLeaderWorkerSetCrd(KubeApiTestServer server) =>
        server.AddCustomResourceDefinition(Crd(LwsGroup, "v1", "LeaderWorkerSet", "leaderworkersets", ".status.hpaPodSelector"));

    public static void AddRolloutCrd(KubeApiTestServer server) =>
        server.AddCustomResourceDefinition(Crd(RolloutGroup, "v1alpha1", "Rollout", "rollouts", ".status.selector"));

    /// <summary>
    /// A LeaderWorkerSet of groups of <paramref name="size"/> pods whose worker template requests
    /// <paramref name="workerGpus"/> GPUs (the leader template 1 GPU and a different image); its controller has
    /// reconciled it, so status.hpaPodSelector selects the leaders (worker-index 0) of this set.
    /// </summary>
    public static void LeaderWorkerSet(KubeApiTestServer server, string ns, string name, int replicas = 1, int size = 2, string workerGpus = "8", bool reconciled = true)
    {
        var status = reconciled
            ? ""","status":{"replicas":REPLICAS,"readyReplicas":REPLICAS,"hpaPodSelector":"leaderworkerset.sigs.k8s.io/name=NAME,leaderworkerset.sigs.k8s.io/worker-index=0"}"""
            : "";
        var json = """
            {"apiVersion":"GROUP/v1","kind":"LeaderWorkerSet","metadata":{"name":"NAME","namespace":"NS"},
             "spec":{"replicas":REPLICAS,"leaderWorkerTemplate":{"size":SIZE,
               "leaderTemplate":{"metadata":{"labels":{"role":"leader"}},"spec":{"containers":[{"name":"vllm-leader","image":"vllm/vllm-openai:leader",
                 "resources":{"requests":{"nvidia.com/gpu":"1"},"limits":{"nvidia.com/gpu":"1"}}}]}},
               "workerTemplate":{"metadata":{"labels":{"role":"worker"}},"spec":{"containers":[{"name":"vllm-worker","image":"vllm/vllm-openai:v0.11.0",
                 "resources":{"requests":{"nvidia.com/gpu":"GPUS","cpu":"16"},"limits":{"nvidia.com/gpu":"GPUS"}}}],
                 "nodeSelector":{"cloud.google.com/gke-accelerator":"nvidia-h100-80gb"},
                 "tolerations":[{"key":"nvidia.com/gpu","operator":"Exists","effect":"NoSchedule"}]}}}}STATUS}
            """;
        server.UpsertJson(json
            .Replace("STATUS", status, StringComparison.Ordinal)
            .Replace("GROUP", LwsGroup, StringComparison.Ordinal)
            .Replace("NAME", name, StringComparison.Ordinal)
            .Replace("NS", ns, StringComparison.Ordinal)
            .Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("SIZE", size.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("GPUS", workerGpus, StringComparison.Ordinal));
    }

    /// <summary>A Rollout whose pods are selected by app={name}; nothing in it says what its pods look like.</summary>
    public static void Rollout(KubeApiTestServer server, string ns, string name, int replicas = 1) =>
        server.UpsertJson($$$"""
            {"apiVersion":"{{{RolloutGroup}}}/v1alpha1","kind":"Rollout","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},
             "spec":{"replicas":{{{replicas}}},"workloadRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"{{{name}}}-template"}},
             "status":{"replicas":{{{replicas}}},"selector":"app={{{name}}}"}
            }
            """);

    /// <summary>A pod of a workload with these labels and (optionally) GPU requests, created now and moved along like <see cref="Seed.Pod"/>.</summary>
    public static V1Pod Pod(KubeApiTestServer server, string ns, string name, IDictionary<string, string> labels, string? gpus = null, int? scheduled = null, int? started = null, int? ready = null)
    {
        var created = server.Upsert(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels },
            Spec = new V1PodSpec
            {
                NodeName = scheduled is null ? null : "gpu-node-" + name,
                Containers =
                [
                    new V1Container
                    {
                        Name = "vllm",
                        Image = "vllm/vllm-openai:v0.11.0",
                        Resources = gpus is null ? null : new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new(gpus) } },
                    },
                ],
                Tolerations =
                [
                    new V1Toleration { Key = "node.kubernetes.io/not-ready", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 300 },
                    new V1Toleration { Key = "node.kubernetes.io/unreachable", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 300 },
                ],
            },
            Status = new V1PodStatus { Phase = "Pending" },
        });
        return Seed.Progress(server, created, scheduled, started, ready);
    }

    /// <summary>The labels the LeaderWorkerSet controller puts on the leader pod of group <paramref name="group"/>.</summary>
    public static Dictionary<string, string> LeaderLabels(string lws, int group) => new()
    {
        ["leaderworkerset.sigs.k8s.io/name"] = lws,
        ["leaderworkerset.sigs.k8s.io/group-index"] = group.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["leaderworkerset.sigs.k8s.io/worker-index"] = "0",
    };

    public static bool DeleteLeaderWorkerSet(KubeApiTestServer server, string ns, string name) =>
        server.DeleteJson(LwsGroup, "LeaderWorkerSet", ns, name);

    public static V2HorizontalPodAutoscaler Hpa(string ns, string name, string apiVersion, string kind, IDictionary<string, string>? annotations = null)
    {
        var hpa = Seed.Hpa(ns, name, name, annotations, kind: kind);
        hpa.Spec.ScaleTargetRef.ApiVersion = apiVersion;
        return hpa;
    }

    private static V1CustomResourceDefinition Crd(string group, string version, string kind, string plural, string selectorPath) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{plural}.{group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Kind = kind, Plural = plural, Singular = kind.ToLowerInvariant(), ListKind = kind + "List" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = version,
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources
                    {
                        Status = new object(),
                        Scale = new V1CustomResourceSubresourceScale { SpecReplicasPath = ".spec.replicas", StatusReplicasPath = ".status.replicas", LabelSelectorPath = selectorPath },
                    },
                },
            ],
        },
    };
}
