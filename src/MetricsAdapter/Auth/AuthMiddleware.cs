using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api;
using Autoscale.MetricsAdapter.Telemetry;

namespace Autoscale.MetricsAdapter.Auth;

/// <summary>
/// Authenticates, then authorizes, every request on the secure port, as k8s.io/apiserver's filter chain does:
/// anonymous callers get 401 except on always-allowed paths; <c>system:masters</c> and always-allowed paths bypass
/// authorization; otherwise the configured mode decides (SubjectAccessReview in production).
/// </summary>
internal sealed partial class AuthMiddleware(
    RequestDelegate next,
    RequestAuthenticator authenticator,
    AuthOptions options,
    AdapterMetrics metrics,
    ILogger<AuthMiddleware> logger,
    SubjectAccessReviewAuthorizer? authorizer = null)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Upstream's reading of the path, the same one routing uses (AdapterApi.ReadPath puts it there first).
        var path = context.Features.Get<ApiPath>() ?? ApiPath.FromRawTarget(context.Request.Path.ToUriComponent());
        var request = path is null ? null : RequestInfo.From(context.Request.Method, path.Path, path.Parts, name => context.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null);
        if (request is null)
        {
            // k8s.io/apiserver's WithRequestInfo answers a path it cannot read with an internal error.
            await StatusResponses.WriteAsync(context, ApiStatus.InternalError("unable to determine kind and namespace from url"));
            return;
        }

        context.Features.Set(request);

        // As upstream's path authorizer: it has an opinion on non-resource requests only.
        var alwaysAllowed = !request.IsResourceRequest && options.IsAlwaysAllowed(request.Path);
        var authn = await authenticator.AuthenticateAsync(context);
        metrics.Authentications.WithLabels(authn.Method.ToString().ToLowerInvariant(), authn.User is null ? "anonymous" : "success").Inc();
        var user = authn.User;
        if (user is null)
        {
            if (authn.RejectedBecause is { } why)
            {
                LogRejected(logger, why);
            }

            if (!alwaysAllowed && options.Mode != AuthorizationMode.AlwaysAllow)
            {
                await StatusResponses.WriteAsync(context, ApiStatus.Unauthorized());
                return;
            }

            user = new UserInfo("system:anonymous", null, ["system:unauthenticated"], new Dictionary<string, IReadOnlyList<string>>());
        }

        context.Features.Set(user);
        AuthorizationDecision decision;
        if (alwaysAllowed)
        {
            decision = new AuthorizationDecision(true, null, "bypass");
        }
        else if (user.Groups.Contains(UserInfo.MastersGroup, StringComparer.Ordinal))
        {
            decision = new AuthorizationDecision(true, null, "bypass");
        }
        else if (options.Mode != AuthorizationMode.Delegated || authorizer is null)
        {
            decision = new AuthorizationDecision(true, null, "mode");
        }
        else
        {
            try
            {
                decision = await authorizer.AuthorizeAsync(user, request, context.RequestAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                metrics.Authorizations.WithLabels("error", "subjectaccessreview").Inc();
                LogAuthorizationError(logger, ex.Message);
                await StatusResponses.WriteAsync(context, ApiStatus.InternalError($"authorization check failed: {ex.Message}"));
                return;
            }
        }

        metrics.Authorizations.WithLabels(decision.Allowed ? "allow" : "deny", decision.Source).Inc();
        if (!decision.Allowed)
        {
            await StatusResponses.WriteAsync(context, Forbidden(user, request, decision.Reason));
            return;
        }

        await next(context);
    }

    private static ApiStatus Forbidden(UserInfo user, RequestInfo r, string? reason)
    {
        if (!r.IsResourceRequest)
        {
            return ApiStatus.ForbiddenPath(user.Name, r.Verb, r.Path);
        }

        var resource = r.Subresource.Length > 0 ? $"{r.Resource}/{r.Subresource}" : r.Resource;
        var qualified = r.ApiGroup.Length > 0 ? $"{r.Resource}.{r.ApiGroup}" : r.Resource;
        return ApiStatus.Forbidden(qualified, r.Name, user.Name, r.Verb, resource, r.ApiGroup, r.Namespace, reason);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Credential rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SubjectAccessReview failed: {Error}")]
    private static partial void LogAuthorizationError(ILogger logger, string error);
}
