using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api.Discovery;
using Autoscale.MetricsAdapter.Api.OpenApi;
using Autoscale.MetricsAdapter.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Autoscale.MetricsAdapter.Catalog;

namespace Autoscale.MetricsAdapter.Api;

/// <summary>
/// The HTTP surface on the secure port: discovery, custom.metrics.k8s.io v1beta1/v1beta2, optionally
/// external.metrics.k8s.io v1beta1, OpenAPI (health is the host's). GET only (405 otherwise); every error is a Status.
/// </summary>
internal static class AdapterApi
{
    public const string CustomPrefix = "/apis/custom.metrics.k8s.io";
    public const string ExternalPrefix = "/apis/external.metrics.k8s.io";

    public static void Map(WebApplication app, bool externalEnabled)
    {
        app.MapGet("/apis", () => Json(DiscoveryDocuments.Groups(externalEnabled), ApiJsonContext.Default.ApiGroupList));

        var custom = app.MapGroup(CustomPrefix);
        custom.MapGet("", () => Json(DiscoveryDocuments.CustomApiGroup, ApiJsonContext.Default.ApiGroup));
        custom.MapGet("/{version}", GetCustomResources);
        custom.MapGet("/{version}/{**rest}", GetCustomMetric);

        if (externalEnabled)
        {
            var external = app.MapGroup(ExternalPrefix);
            external.MapGet("", () => Json(DiscoveryDocuments.ExternalApiGroup, ApiJsonContext.Default.ApiGroup));
            external.MapGet("/{version}", GetExternalResources);
            external.MapGet("/{version}/{**rest}", GetExternalMetric);
        }

        app.MapGet("/openapi/v2", (HttpContext ctx, CurrentOpenApiDocuments docs) => OpenApi(ctx, docs.Current.V2));
        app.MapGet("/openapi/v3", (HttpContext ctx, CurrentOpenApiDocuments docs) => OpenApi(ctx, docs.Current.V3Root));
        app.MapGet("/openapi/v3/{**groupVersion}", (HttpContext ctx, string groupVersion, CurrentOpenApiDocuments docs) =>
            docs.Current.V3(groupVersion) is { } doc ? OpenApi(ctx, doc) : new StatusResult(ApiStatus.NotFoundRoute()));
        app.MapGet("/version", () => Results.Json(
            new Dictionary<string, string> { ["major"] = "1", ["minor"] = "0", ["gitVersion"] = "v" + typeof(AdapterApi).Assembly.GetName().Version, ["platform"] = "linux/amd64" },
            ApiJsonContext.Default.DictionaryStringString));

        app.MapFallback(() => new StatusResult(ApiStatus.NotFoundRoute()));
    }

    /// <summary>Non-GET requests to API paths: 405 with a Status, before routing.</summary>
    public static async Task RejectNonGet(HttpContext context, Func<Task> next)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await StatusResponses.WriteAsync(context, ApiStatus.MethodNotAllowed(context.Request.Method));
            return;
        }

        if ((context.Request.Path.Value?.Length ?? 0) > ApiLimits.MaxPathLength)
        {
            await StatusResponses.WriteAsync(context, ApiStatus.BadRequest($"request path is longer than {ApiLimits.MaxPathLength} bytes"));
            return;
        }

        await next();
    }

    /// <summary>
    /// Header limits, answered per request with a Status (Kestrel's own limits sit far above these so that over
    /// HTTP/2 an oversized request fails alone instead of failing its connection with a GOAWAY).
    /// </summary>
    public static async Task RejectOversizedHeaders(HttpContext context, Func<Task> next)
    {
        int count = 0, total = 0, largest = 0;
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                var size = name.Length + (value?.Length ?? 0);
                count++;
                total += size;
                largest = Math.Max(largest, size);
            }
        }

        var problem = count > ApiLimits.MaxHeaderCount ? $"more than {ApiLimits.MaxHeaderCount} request headers"
            : largest > ApiLimits.MaxHeaderFieldBytes ? $"a request header is larger than {ApiLimits.MaxHeaderFieldBytes} bytes"
            : total > ApiLimits.MaxHeadersTotalBytes ? $"request headers are larger than {ApiLimits.MaxHeadersTotalBytes} bytes in total"
            : null;
        if (problem is not null)
        {
            await StatusResponses.WriteAsync(context, new ApiStatus(problem, "BadRequest", StatusCodes.Status431RequestHeaderFieldsTooLarge));
            return;
        }

        await next();
    }

    /// <summary>
    /// Reads the path once (<see cref="ApiPath"/>) for both authorization and routing: authorization gets upstream's
    /// reading of it, routing gets the canonical form of that same reading, so no spelling of a path (case, escapes,
    /// doubled slashes) can be authorized as one thing and served as another.
    /// </summary>
    public static async Task ReadPath(HttpContext context, Func<Task> next)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var path = raw is ['/', ..] ? ApiPath.FromRawTarget(raw) : ApiPath.FromRawTarget(context.Request.Path.ToUriComponent());
        if (path is null)
        {
            await StatusResponses.WriteAsync(context, ApiStatus.InvalidPath());
            return;
        }

        context.Features.Set(path);
        if (path.Routable is { } routable)
        {
            context.Request.Path = routable;
        }

        await next();
    }

    /// <summary>After authorization: a path that is not exactly one this server serves is a 404, whatever routing would match.</summary>
    public static Func<HttpContext, Func<Task>, Task> RequireServedPath(bool externalEnabled) => async (context, next) =>
    {
        if (context.Features.Get<ApiPath>() is not { } path || !path.IsServed(externalEnabled))
        {
            await StatusResponses.WriteAsync(context, ApiStatus.NotFoundRoute());
            return;
        }

        await next();
    };

    private static IResult GetCustomResources(string version, ICustomMetricsProvider provider) =>
        ParseVersion(version) is null
            ? new StatusResult(ApiStatus.NotFoundRoute())
            : Json(DiscoveryDocuments.CustomResources(version, provider.ListAllMetrics()), ApiJsonContext.Default.ApiResourceList);

    private static IResult GetExternalResources(string version, IExternalMetricsProvider provider) =>
        version != "v1beta1"
            ? new StatusResult(ApiStatus.NotFoundRoute())
            : Json(DiscoveryDocuments.ExternalResources(provider.ListAllExternalMetrics()), ApiJsonContext.Default.ApiResourceList);

    private static async Task<IResult> GetCustomMetric(
        HttpContext context, string version, ICustomMetricsProvider provider, IServingState state, AdapterMetrics metrics, TimeProvider time)
    {
        CustomMetricsRequest? request = null;
        try
        {
            if (ParseVersion(version) is not { } apiVersion)
            {
                return new StatusResult(ApiStatus.NotFoundRoute());
            }

            request = CustomMetricsRequest.Parse(Segments(context, $"{CustomPrefix}/{version}/"));
            var selector = ParseSelector(context, "labelSelector");
            var metricSelector = ParseSelector(context, "metricLabelSelector");
            if (!state.IsReady)
            {
                return new StatusResult(ApiStatus.ServiceUnavailable("the metrics adapter is not ready yet: discovery has not synced or no source has reported"));
            }

            await provider.PrepareAsync(request.Info, request.Namespace, metricSelector, context.RequestAborted);
            var list = request.IsWildcard
                ? provider.GetMetricBySelector(request.Namespace, selector, request.Info, metricSelector)
                : provider.GetMetricByName(request.Key, request.Info, metricSelector);
            var meta = metricSelector.IsEmpty ? null : metricSelector.ToMetaLabelSelector();
            return new MetricListResult(apiVersion, list, meta, metrics, time.GetUtcNow());
        }
        catch (ApiStatusException ex) when (ex.Status.Code == StatusCodes.Status404NotFound && state.WhyUnavailable is { } why
            && (request is null || provider.ReadsSource(request.Info)))
        {
            return new StatusResult(ApiStatus.InternalError($"unable to fetch metrics: {why}"));
        }
        catch (ApiStatusException ex)
        {
            return new StatusResult(ex.Status);
        }
    }

    private static async Task<IResult> GetExternalMetric(
        HttpContext context, string version, IExternalMetricsProvider provider, IServingState state)
    {
        try
        {
            if (version != "v1beta1")
            {
                return new StatusResult(ApiStatus.NotFoundRoute());
            }

            var segments = Segments(context, $"{ExternalPrefix}/{version}/");
            if (segments.Count != 3 || segments[0] != "namespaces")
            {
                return new StatusResult(ApiStatus.NotFoundRoute());
            }

            if (segments.Any(s => s.Length == 0))
            {
                return new StatusResult(ApiStatus.InvalidPath());
            }

            var selector = ParseSelector(context, "labelSelector");
            if (!state.IsReady)
            {
                return new StatusResult(ApiStatus.ServiceUnavailable("the metrics adapter is not ready yet: discovery has not synced or no source has reported"));
            }

            var info = new ExternalMetricInfo(segments[2]);
            await provider.PrepareExternalAsync(segments[1], selector, info, context.RequestAborted);
            return new ExternalListResult(provider.GetExternalMetric(segments[1], selector, info));
        }
        catch (ApiStatusException ex)
        {
            return new StatusResult(ex.Status);
        }
    }

    private static ApiVersion? ParseVersion(string version) => version switch
    {
        "v1beta1" => ApiVersion.V1Beta1,
        "v1beta2" => ApiVersion.V1Beta2,
        _ => null,
    };

    /// <summary>The decoded path segments after <paramref name="prefix"/> (Kestrel has decoded %2A to *, but never %2F).</summary>
    private static List<string> Segments(HttpContext context, string prefix)
    {
        var path = context.Request.Path.Value ?? "";
        var rest = path.Length > prefix.Length ? path[prefix.Length..] : "";
        return [.. rest.Split('/')];
    }

    private static LabelSelector ParseSelector(HttpContext context, string name)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length > ApiLimits.MaxSelectorLength)
        {
            throw new ApiStatusException(ApiStatus.BadRequest($"{name} is longer than {ApiLimits.MaxSelectorLength} bytes"));
        }

        if (!LabelSelector.TryParse(text, out var selector, out var error))
        {
            throw new ApiStatusException(ApiStatus.BadRequest($"invalid {name} \"{Truncate(text)}\": {Truncate(error)}"));
        }

        return selector;
    }

    /// <summary>Caller input echoed in an error is cut short: a reply must not grow with whatever was sent.</summary>
    internal static string Truncate(string? text) =>
        text is null ? "" : text.Length <= ApiLimits.MaxEchoedInputLength ? text : string.Concat(text.AsSpan(0, ApiLimits.MaxEchoedInputLength), $"... ({text.Length} characters)");

    private static IResult Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => Results.Json(value, type);

    private static IResult OpenApi(HttpContext context, OpenApiDocument document)
    {
        context.Response.Headers.ETag = document.ETag;
        if (context.Request.Headers.IfNoneMatch.ToString() == document.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(document.Utf8, "application/json");
    }
}
