using k8s;
using k8s.Models;

namespace Autoscale.ScaleController.Watch.ScaleTargets;

/// <summary>
/// Kind → resource through API discovery (<c>GET /apis/{group}/{version}</c>, <c>/api/v1</c>), as kubectl and the
/// HPA controller's REST mapper do: a CRD's plural cannot be guessed from its Kind. Each group/version's resource list
/// is kept for <see cref="Ttl"/>; a failed or empty answer only until the next round after <see cref="RetryAfter"/>.
/// </summary>
internal sealed class ResourceDiscovery(ApiReader api, TimeProvider time)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly Dictionary<(string Group, string Version), (ResourceList List, DateTimeOffset Until)> _cache = [];
    private readonly Lock _gate = new();

    public async Task<DiscoveryAnswer> ResolveAsync(string group, string version, string kind, CancellationToken cancellationToken)
    {
        var list = await ListAsync(group, version, cancellationToken).ConfigureAwait(false);
        if (list.Resources is not { } resources)
        {
            return DiscoveryAnswer.Failed(list.Outcome, list.Error ?? "");
        }

        var apiVersion = group.Length == 0 ? version : $"{group}/{version}";
        var main = resources.FirstOrDefault(r => r.Kind == kind && !r.Name.Contains('/', StringComparison.Ordinal));
        if (main is null)
        {
            return DiscoveryAnswer.Failed(ScaleTargetOutcome.UnknownKind, $"API discovery of {apiVersion} lists no resource of kind {kind} (is its CRD installed, and is the kind spelled as the CRD names it?)");
        }

        var hasScale = resources.Any(r => r.Name == main.Name + "/scale");
        var resolved = new ResolvedResource(group, version, main.Name, main.Namespaced, hasScale);
        return hasScale
            ? new DiscoveryAnswer(resolved, ScaleTargetOutcome.Ok, null)
            : DiscoveryAnswer.Failed(ScaleTargetOutcome.NoScale, $"{resolved.Qualified} has no /scale subresource, so no HPA can scale a {kind}");
    }

    private async Task<ResourceList> ListAsync(string group, string version, CancellationToken cancellationToken)
    {
        var key = (group, version);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_cache.TryGetValue(key, out var cached) && cached.Until > now)
            {
                return cached.List;
            }
        }

        var apiVersion = group.Length == 0 ? version : $"{group}/{version}";
        var answer = await api.GetAsync(ApiReader.GroupVersionPath(group, version), cancellationToken).ConfigureAwait(false);
        var result = answer switch
        {
            { Ok: true } when Parse(answer.Body) is { } resources => new ResourceList(resources, ScaleTargetOutcome.Ok, null),
            { Ok: true } => new ResourceList(null, ScaleTargetOutcome.Error, $"API discovery of {apiVersion} answered an unreadable APIResourceList"),
            { Code: 404 } => new ResourceList(null, ScaleTargetOutcome.UnknownKind, $"the API server does not serve {apiVersion} (API discovery: 404; is its CRD installed?)"),
            { Code: 401 or 403 } => new ResourceList(null, ScaleTargetOutcome.Forbidden, $"API discovery of {apiVersion} is forbidden ({answer.Code}: {answer.Message})"),
            _ => new ResourceList(null, ScaleTargetOutcome.Error, $"API discovery of {apiVersion} failed ({answer.Code}: {answer.Message})"),
        };
        lock (_gate)
        {
            _cache[key] = (result, now + (result.Resources is null ? RetryAfter : Ttl));
        }

        return result;
    }

    private static IReadOnlyList<V1APIResource>? Parse(string body)
    {
        try
        {
            return KubernetesJson.Deserialize<V1APIResourceList>(body)?.Resources?.ToList();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed record ResourceList(IReadOnlyList<V1APIResource>? Resources, string Outcome, string? Error);
}
