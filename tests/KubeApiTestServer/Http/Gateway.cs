using System.Text.Json.Nodes;
using Autoscale.Kubernetes;
using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>
/// The front of every request, in the real server's filter order: authenticate, record (audit), inject faults
/// (standing in for priority-and-fairness or etcd trouble), authorize, then serve; Status errors become responses.
/// </summary>
internal sealed class Gateway(ServerState state)
{
    public const string InfoKey = "kubeapi.requestInfo";
    public const string UserKey = "kubeapi.user";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        // A watch or proxy verb with nothing after it cannot be read (a 500 upstream); here it is served as a non-resource path.
        var info = RequestInfo.From(request.Method, path, key => request.Query.TryGetValue(key, out var v) ? v.ToString() : null)
            ?? new RequestInfo(false, path, request.Method.ToLowerInvariant());
        context.Items[InfoKey] = info;
        var user = Authenticate(request);
        context.Items[UserKey] = user;
        var recorded = new RecordedRequest
        {
            Method = request.Method,
            Path = info.Path,
            Query = request.QueryString.Value ?? "",
            IsResourceRequest = info.IsResourceRequest,
            Verb = info.Verb,
            ApiGroup = info.ApiGroup,
            ApiVersion = info.ApiVersion,
            Resource = info.Resource,
            Subresource = info.Subresource,
            Namespace = info.Namespace,
            Name = info.Name,
            User = user?.Name ?? "",
            Groups = user?.Groups ?? [],
            UserAgent = request.Headers.UserAgent.ToString(),
            ContentType = request.ContentType,
        };
        state.Record(recorded);
        try
        {
            if (user is null)
            {
                throw new StatusException(401, "Unauthorized", "Unauthorized");
            }

            if (state.TakeFault(recorded) is { } fault)
            {
                throw Fault(context, fault);
            }

            if (state.Options.EnforceAuthorization && state.AuthorizationPolicy(Attributes(info, user)) != true)
            {
                throw Forbidden(info, user);
            }

            await next(context);
        }
        catch (StatusException error) when (!context.Response.HasStarted)
        {
            await JsonResponses.WriteStatusAsync(context, error);
        }
        catch (Exception error) when (!context.Response.HasStarted && error is not OperationCanceledException)
        {
            // A server bug still answers as the real server would, so the client's error path is exercised.
            await JsonResponses.WriteStatusAsync(context, new StatusException(500, "InternalError", $"Internal error occurred: {error.Message}"));
        }
        finally
        {
            recorded.StatusCode = context.Response.StatusCode;
        }
    }

    /// <summary>The SubjectAccessReview the real server's authorizer would be asked for this request.</summary>
    public static V1SubjectAccessReviewSpec Attributes(RequestInfo info, KubeUser user) => new()
    {
        User = user.Name,
        Groups = user.Groups.ToList(),
        Uid = user.Uid,
        ResourceAttributes = info.IsResourceRequest
            ? new V1ResourceAttributes
            {
                Verb = info.Verb,
                Group = info.ApiGroup,
                Version = info.ApiVersion,
                Resource = info.Resource,
                Subresource = info.Subresource,
                NamespaceProperty = info.Namespace,
                Name = info.Name,
            }
            : null,
        NonResourceAttributes = info.IsResourceRequest ? null : new V1NonResourceAttributes { Path = info.Path, Verb = info.Verb },
    };

    private KubeUser? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return KubeUser.Anonymous;
        }

        // An unknown token is rejected (401), never downgraded to anonymous, as on the real server.
        return state.Tokens.TryGetValue(header["Bearer ".Length..].Trim(), out var user) ? user : null;
    }

    private static StatusException Fault(HttpContext context, InjectedFault fault)
    {
        var (reason, message) = fault.StatusCode switch
        {
            429 => ("TooManyRequests", "Too many requests, please try again later."),
            500 => ("InternalError", "Internal error occurred: injected fault"),
            503 => ("ServiceUnavailable", "The server is currently unable to handle the request"),
            504 => ("Timeout", "The server was unable to return a response in the time allotted, but may still be processing the request"),
            409 => ("Conflict", "injected conflict"),
            _ => ("", "injected fault"),
        };
        JsonObject? details = null;
        if (fault.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            details = new JsonObject { ["retryAfterSeconds"] = retryAfter };
        }

        return new StatusException(fault.StatusCode, reason, fault.Message ?? message, details);
    }

    private static StatusException Forbidden(RequestInfo info, KubeUser user)
    {
        if (!info.IsResourceRequest)
        {
            return new StatusException(403, "Forbidden", $"forbidden: User \"{user.Name}\" cannot {info.Verb} path \"{info.Path}\"");
        }

        var resource = info.Subresource.Length > 0 ? $"{info.Resource}/{info.Subresource}" : info.Resource;
        var qualified = info.ApiGroup.Length > 0 ? $"{info.Resource}.{info.ApiGroup}" : info.Resource;
        var subject = info.Name.Length > 0 ? $"{qualified} \"{info.Name}\"" : qualified;
        var scope = info.Namespace.Length > 0 ? $"in the namespace \"{info.Namespace}\"" : "at the cluster scope";
        var details = new JsonObject { ["name"] = info.Name, ["group"] = info.ApiGroup, ["kind"] = info.Resource };
        return new StatusException(403, "Forbidden",
            $"{subject} is forbidden: User \"{user.Name}\" cannot {info.Verb} resource \"{resource}\" in API group \"{info.ApiGroup}\" {scope}", details);
    }
}
