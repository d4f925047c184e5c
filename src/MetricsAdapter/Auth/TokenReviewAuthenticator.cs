using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Auth;

/// <summary>
/// Bearer tokens, checked by the cluster through a TokenReview (the delegated webhook authenticator). Answers are
/// cached for the TTL (upstream: 10 s for both outcomes), keyed by the token's hash; errors are not cached.
/// </summary>
internal sealed partial class TokenReviewAuthenticator(IKubernetes client, TimeProvider time, TimeSpan ttl, ILogger<TokenReviewAuthenticator> logger)
{
    private readonly ExpiringCache<string, UserInfo?> _cache = new(time);

    public async Task<UserInfo?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_cache.TryGet(key, out var cached))
        {
            return cached;
        }

        V1TokenReview review;
        try
        {
            review = await client.AuthenticationV1.CreateTokenReviewAsync(
                new V1TokenReview { ApiVersion = "authentication.k8s.io/v1", Kind = "TokenReview", Spec = new V1TokenReviewSpec { Token = token } },
                cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTokenReviewFailed(logger, ex.Message);
            return null;
        }

        UserInfo? user = null;
        if (review.Status is { Authenticated: true, User: { } u })
        {
            var extra = u.Extra?.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)[.. kv.Value], StringComparer.Ordinal);
            user = UserInfo.Create(u.Username ?? "", u.Groups ?? [], u.Uid, extra);
        }

        _cache.Set(key, user, ttl);
        return user;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "TokenReview failed, treating the token as not authenticated: {Error}")]
    private static partial void LogTokenReviewFailed(ILogger logger, string error);
}
