using System.Text.Json;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Watch.ScaleTargets;
using k8s;
using k8s.Models;

namespace Autoscale.ScaleController.Watch.CapacityBuffers;

/// <summary>
/// Whether the API server serves <c>autoscaling.x-k8s.io</c> and in which version we write: <c>v1</c>, else
/// <c>v1beta1</c> (<c>v1alpha1</c> is deprecated upstream and never used). API group discovery, re-asked every
/// <see cref="Interval"/>, needs no RBAC beyond the built-in <c>system:discovery</c> (a CRD watch would need read access
/// to every CRD). A 404 means not served; any other failure keeps the last answer, so a discovery blip never switches
/// warm pools back to placeholders.
/// </summary>
internal sealed class CapacityBufferDiscovery(ApiReader api, TimeProvider time)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);

    private static readonly string[] Preferred = ["v1", "v1beta1"];

    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>The version to write, or null when not served (or not known yet).</summary>
    public string? Version { get; private set; }

    /// <summary>The last failure's text (not a 404), null after a good answer.</summary>
    public string? Problem { get; private set; }

    public async Task<string?> RefreshAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _next)
        {
            return Version;
        }

        _next = now + Interval;
        var answer = await api.GetAsync($"apis/{CapacityBufferApi.Group}", cancellationToken).ConfigureAwait(false);
        if (answer.Code == 404)
        {
            (Version, Problem) = (null, null);
        }
        else if (answer.Ok && Versions(answer.Body) is { } versions)
        {
            (Version, Problem) = (Preferred.FirstOrDefault(versions.Contains), null);
        }
        else
        {
            Problem = answer.Ok ? $"API discovery of {CapacityBufferApi.Group} answered an unreadable APIGroup" : $"API discovery of {CapacityBufferApi.Group} failed ({answer.Code}: {answer.Message})";
        }

        return Version;
    }

    /// <summary>Asks again at the next refresh (after a write found the API gone).</summary>
    public void Invalidate() => _next = DateTimeOffset.MinValue;

    private static HashSet<string>? Versions(string body)
    {
        try
        {
            return KubernetesJson.Deserialize<V1APIGroup>(body)?.Versions?.Select(v => v.Version).ToHashSet(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
