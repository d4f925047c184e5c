using System.Security.Cryptography;
using System.Text;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// A short stable hash of what a placeholder copies from the workload, stored as a label: a placeholder whose
/// hash differs was made for an older template (other GPU, image, node selector) and is replaced.
/// </summary>
internal static class TemplateHasher
{
    public static string Hash(PodTemplate template, WarmPoolPolicy policy)
    {
        var text = new StringBuilder()
            .Append(policy.PrePullImage ? template.Image : policy.PauseImage).Append('\n')
            .AppendJoin(',', template.Requests.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}")).Append('\n')
            .AppendJoin(',', template.NodeSelector.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}")).Append('\n')
            .AppendJoin(',', template.Tolerations.Select(t => $"{t.Key}|{t.Operator}|{t.Value}|{t.Effect}|{t.TolerationSeconds}")).Append('\n')
            .Append(template.AffinityJson).Append('\n')
            .AppendJoin(',', template.ImagePullSecrets ?? []);
        return Hash(text.ToString());
    }

    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10];
}
