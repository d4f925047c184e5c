using System.Text.Json;
using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Api;

/// <summary>Writes Kubernetes <c>Status</c> and other JSON replies.</summary>
internal static class StatusResponses
{
    public static Task WriteAsync(HttpContext context, ApiStatus status)
    {
        context.Response.StatusCode = status.Code;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, status, ApiJsonContext.Default.ApiStatus, context.RequestAborted);
    }

    public static Task WriteJsonAsync<T>(HttpContext context, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}
