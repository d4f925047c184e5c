using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api;
using k8s;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Auth;

/// <summary>
/// Delegated authorization: one SubjectAccessReview per distinct (user, attributes), with upstream's attributes, and
/// allowed and denied answers cached separately (upstream: 10 s each). A failed review is not cached and surfaces
/// as an error (the request then gets a 500, as k8s.io/apiserver answers).
/// The cache key is the review's spec as JSON, as upstream's webhook authorizer keys it: every string is quoted and
/// escaped, so no two identities (groups or extras holding separators included) can share a key.
/// </summary>
internal sealed class SubjectAccessReviewAuthorizer(
    IKubernetes client, TimeProvider time, TimeSpan allowedTtl, TimeSpan deniedTtl, int cacheCapacity = ExpiringCache<string, AuthorizationDecision>.DefaultCapacity)
{
    private readonly ExpiringCache<string, AuthorizationDecision> _cache = new(time, cacheCapacity);

    public async Task<AuthorizationDecision> AuthorizeAsync(UserInfo user, RequestInfo request, CancellationToken cancellationToken)
    {
        var spec = new V1SubjectAccessReviewSpec
        {
            User = user.Name,
            Uid = user.Uid,
            Groups = [.. user.Groups],
            Extra = user.Extra.Count == 0
                ? null
                : user.Extra.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => (IList<string>)[.. kv.Value], StringComparer.Ordinal),
        };
        if (request.IsResourceRequest)
        {
            spec.ResourceAttributes = new V1ResourceAttributes
            {
                NamespaceProperty = request.Namespace,
                Verb = request.Verb,
                Group = request.ApiGroup,
                Version = request.ApiVersion,
                Resource = request.Resource,
                Subresource = request.Subresource,
                Name = request.Name,
            };
        }
        else
        {
            spec.NonResourceAttributes = new V1NonResourceAttributes { Path = request.Path, Verb = request.Verb };
        }

        var key = KubernetesJson.Serialize(spec);
        if (_cache.TryGet(key, out var cached))
        {
            return cached with { Source = "cache" };
        }

        var review = await client.AuthorizationV1.CreateSubjectAccessReviewAsync(
            new V1SubjectAccessReview { ApiVersion = "authorization.k8s.io/v1", Kind = "SubjectAccessReview", Spec = spec },
            cancellationToken: cancellationToken);
        var allowed = review.Status is { Allowed: true, Denied: not true };
        var decision = new AuthorizationDecision(allowed, review.Status?.Reason, "subjectaccessreview");
        _cache.Set(key, decision, allowed ? allowedTtl : deniedTtl);
        return decision;
    }
}
