using System.Text;
using Autoscale.MetricsAdapter.Api;
using k8s;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Auth;

/// <summary>
/// Delegated authorization: one SubjectAccessReview per distinct (user, attributes), with upstream's attributes, and
/// allowed and denied answers cached separately (upstream: 10 s each). A failed review is not cached and surfaces
/// as an error (the request then gets a 500, as k8s.io/apiserver answers).
/// </summary>
internal sealed class SubjectAccessReviewAuthorizer(IKubernetes client, TimeProvider time, TimeSpan allowedTtl, TimeSpan deniedTtl)
{
    private readonly ExpiringCache<AuthorizationDecision> _cache = new(time);

    public async Task<AuthorizationDecision> AuthorizeAsync(UserInfo user, RequestInfo request, CancellationToken cancellationToken)
    {
        var key = CacheKey(user, request);
        if (_cache.TryGet(key, out var cached))
        {
            return cached with { Source = "cache" };
        }

        var spec = new V1SubjectAccessReviewSpec
        {
            User = user.Name,
            Uid = user.Uid,
            Groups = [.. user.Groups],
            Extra = user.Extra.Count == 0 ? null : user.Extra.ToDictionary(kv => kv.Key, kv => (IList<string>)[.. kv.Value]),
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

        var review = await client.AuthorizationV1.CreateSubjectAccessReviewAsync(
            new V1SubjectAccessReview { ApiVersion = "authorization.k8s.io/v1", Kind = "SubjectAccessReview", Spec = spec },
            cancellationToken: cancellationToken);
        var allowed = review.Status is { Allowed: true, Denied: not true };
        var decision = new AuthorizationDecision(allowed, review.Status?.Reason, "subjectaccessreview");
        _cache.Set(key, decision, allowed ? allowedTtl : deniedTtl);
        return decision;
    }

    private static string CacheKey(UserInfo user, RequestInfo r)
    {
        var sb = new StringBuilder();
        sb.Append(user.Name).Append('\n').Append(user.Uid).Append('\n').AppendJoin(',', user.Groups).Append('\n');
        foreach (var (k, v) in user.Extra.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append(k).Append('=').AppendJoin(',', v).Append(';');
        }

        sb.Append('\n').Append(r.IsResourceRequest).Append('|').Append(r.Verb).Append('|').Append(r.ApiGroup).Append('|')
          .Append(r.ApiVersion).Append('|').Append(r.Namespace).Append('|').Append(r.Resource).Append('|')
          .Append(r.Subresource).Append('|').Append(r.Name).Append('|').Append(r.IsResourceRequest ? "" : r.Path);
        return sb.ToString();
    }
}
