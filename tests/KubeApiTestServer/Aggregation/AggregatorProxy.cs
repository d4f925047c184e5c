using System.Net;
using System.Text.Json.Nodes;
using Autoscale.Kubernetes;
using Autoscale.Testing.KubeApi.Http;
using Microsoft.AspNetCore.Http;

namespace Autoscale.Testing.KubeApi.Aggregation;

/// <summary>
/// kube-aggregator's proxy (staging/src/k8s.io/kube-aggregator/pkg/apiserver/handler_proxy.go): a request under
/// <c>/apis/{group}/{version}/</c> whose APIService names a service goes to that service, after this server
/// authenticated and authorized it. The user travels in <c>X-Remote-User</c>/<c>X-Remote-Group</c> over a connection
/// made with the proxy client certificate; the caller's own credentials do not. An APIService that is not Available
/// answers 503 "service unavailable" (plain text, as upstream), which kubectl shows as "the server is currently unable
/// to handle the request".
/// </summary>
internal sealed class AggregatorProxy(ServerState state)
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Proxy-Connection",
    };

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "/";
        if (ApiServices.ForPath(state, path) is not { IsLocal: false } service)
        {
            await next(context);
            return;
        }

        if (!service.Available || !state.ServiceRoutes.TryGetValue((service.ServiceNamespace!, service.ServiceName!), out var route))
        {
            await PlainAsync(context, HttpStatusCode.ServiceUnavailable, "service unavailable");
            return;
        }

        if (route.Backend is { } backend)
        {
            await InProcessAsync(context, service, backend);
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(route.Endpoint!, path + context.Request.QueryString.Value));
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (NotForwarded.Contains(name) || name.StartsWith("X-Remote-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        // The TLS server name is the Service's DNS name (SocketsHttpHandler takes it from Host), whatever address it resolved to.
        request.Headers.Host = service.ServerName;
        var user = context.Items[Gateway.UserKey] as KubeUser ?? KubeUser.Anonymous;
        request.Headers.TryAddWithoutValidation("X-Remote-User", user.Name);
        // One value per group; HttpClient writes them as one comma-joined line where kube-apiserver writes a line each
        // (a backend that splits on ", " reads the same groups).
        foreach (var group in user.Groups)
        {
            request.Headers.TryAddWithoutValidation("X-Remote-Group", group);
        }

        HttpResponseMessage response;
        try
        {
            response = await state.Backends.For(service).SendAsync(request, context.RequestAborted);
        }
        catch (HttpRequestException error)
        {
            await PlainAsync(context, HttpStatusCode.ServiceUnavailable, $"error trying to reach service: {error.GetBaseException().Message}");
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!NotForwarded.Contains(name) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    // A backend in this process gets the path under /apis/{group}/{version}, the query, the user and the attributes
    // RBAC saw; a backend that throws answers 503 as an unreachable service does.
    private static async Task InProcessAsync(HttpContext context, ApiServiceRecord service, Func<ApiServiceRequest, ApiServiceResponse> backend)
    {
        var info = (RequestInfo)context.Items[Gateway.InfoKey]!;
        var prefix = $"/apis/{service.Group}/{service.Version}";
        var request = new ApiServiceRequest(
            info.Path.Length > prefix.Length ? info.Path[prefix.Length..] : "/",
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            (context.Items[Gateway.UserKey] as KubeUser)?.Name ?? "",
            info.Namespace,
            info.Resource,
            info.Name,
            info.Subresource);
        ApiServiceResponse response;
        try
        {
            response = backend(request);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw new StatusException(503, "ServiceUnavailable", $"error trying to reach service: {error.Message}");
        }

        await JsonResponses.WriteAsync(context, response.StatusCode, JsonNode.Parse(response.Json) ?? new JsonObject());
    }

    private static async Task PlainAsync(HttpContext context, HttpStatusCode code, string message)
    {
        context.Response.StatusCode = (int)code;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }
}
