using System.Text.Json;
using Autoscale.ScaleController.Config;
using k8s;
using k8s.Models;

namespace Autoscale.ScaleController.Watch.ScaleTargets;

/// <summary>
/// Kinds whose pod template the controller knows where to find in the object (read with a generic GET), so
/// placeholders match the template even before a pod of it runs. Any other kind's template is taken from a live pod
/// (<see cref="LivePodTemplate"/>): /scale says nothing about pods but their selector, and a CRD's template may live
/// anywhere (or nowhere: an Argo Rollout may refer to a Deployment's).
/// </summary>
internal static class KnownTemplates
{
    // LeaderWorkerSet: workerTemplate is required and is the shape of every pod of a group but the leader (and of the
    // leader too when leaderTemplate is absent), so a placeholder reserves one worker's node. A group of `size` pods
    // needs `size` such nodes; the pool counts placeholders, not groups.
    private static readonly Dictionary<WorkloadKind, string[][]> Paths = new()
    {
        [WorkloadKind.LeaderWorkerSet] = [["spec", "leaderWorkerTemplate", "workerTemplate"], ["spec", "leaderWorkerTemplate", "leaderTemplate"]],
    };

    public static bool Has(WorkloadKind kind) => Paths.ContainsKey(kind);

    /// <summary>The template at the first known path present in the object's JSON; null if none is, or it cannot be read.</summary>
    public static (V1PodTemplateSpec Template, string Source)? From(WorkloadKind kind, string json)
    {
        if (!Paths.TryGetValue(kind, out var paths))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var path in paths)
            {
                var node = document.RootElement;
                var found = true;
                foreach (var segment in path)
                {
                    if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(segment, out node))
                    {
                        found = false;
                        break;
                    }
                }

                if (found && node.ValueKind == JsonValueKind.Object && KubernetesJson.Deserialize<V1PodTemplateSpec>(node.GetRawText()) is { Spec: not null } template)
                {
                    return (template, string.Join('.', path));
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
