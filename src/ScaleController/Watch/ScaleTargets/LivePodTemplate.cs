using Autoscale.Kubernetes;
using k8s.Models;

namespace Autoscale.ScaleController.Watch.ScaleTargets;

/// <summary>
/// The pod template of a kind whose template the controller cannot read (<see cref="KnownTemplates"/>): taken from
/// the newest Ready pod its selector matches (after a rollout the newest pods carry the current template), copying
/// only what a placeholder uses (containers' images and resources, node selector, tolerations, affinity, image pull
/// secrets) and leaving out what belongs to that one pod: its node, its status, and the not-ready/unreachable
/// tolerations the DefaultTolerationSeconds admission plugin adds to every pod (a placeholder gets its own).
/// </summary>
internal static class LivePodTemplate
{
    private static readonly string[] AdmissionTolerations = ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"];

    /// <summary>The newest Ready, not terminating, non-placeholder pod of <paramref name="ns"/> matching <paramref name="selector"/>.</summary>
    public static V1Pod? Newest(IEnumerable<V1Pod> pods, string ns, string selector)
    {
        var matcher = LabelSelector.Parse(selector);
        return pods
            .Where(p => p.Metadata.NamespaceProperty == ns && p.Metadata.DeletionTimestamp is null && !ObservedClusterBuilder.IsPlaceholder(p)
                && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true
                && matcher.Matches(new Dictionary<string, string>(p.Metadata.Labels ?? new Dictionary<string, string>())))
            .OrderByDescending(p => p.Metadata.CreationTimestamp ?? DateTime.MinValue)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    public static V1PodTemplateSpec From(V1Pod pod)
    {
        var spec = pod.Spec ?? new V1PodSpec();
        return new V1PodTemplateSpec
        {
            Spec = new V1PodSpec
            {
                Containers = [.. (spec.Containers ?? []).Select(c => new V1Container { Name = c.Name, Image = c.Image, Resources = c.Resources })],
                NodeSelector = spec.NodeSelector,
                Tolerations = spec.Tolerations?.Where(t => !(Array.IndexOf(AdmissionTolerations, t.Key) >= 0 && t.Effect == "NoExecute" && t.TolerationSeconds == 300)).ToList(),
                Affinity = spec.Affinity,
                ImagePullSecrets = spec.ImagePullSecrets,
            },
        };
    }
}
