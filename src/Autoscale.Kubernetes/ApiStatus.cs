using System.Text.Json.Serialization;

namespace Autoscale.Kubernetes;

/// <summary>
/// A Kubernetes <c>metav1.Status</c> (kind Status, apiVersion v1): the body of every error reply, worded as
/// k8s.io/apimachinery's <c>apierrors</c> and custom-metrics-apiserver word them, so kubectl and the HPA render them
/// as they would upstream's.
/// </summary>
public sealed record ApiStatus(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("details")] ApiStatusDetails? Details = null)
{
    [JsonPropertyName("kind")] public string Kind => "Status";
    [JsonPropertyName("apiVersion")] public string ApiVersion => "v1";
    [JsonPropertyName("metadata")] public EmptyObject Metadata => EmptyObject.Instance;
    [JsonPropertyName("status")] public string Status => "Failure";

    /// <summary>custom-metrics-apiserver <c>NewMetricNotFoundError</c>.</summary>
    public static ApiStatus MetricNotFound(GroupResource resource, string metric) =>
        new($"the server could not find the metric {metric} for {resource}", "NotFound", 404,
            new ApiStatusDetails(null, resource.Group, resource.Resource));

    /// <summary>custom-metrics-apiserver <c>NewMetricNotFoundForError</c>.</summary>
    public static ApiStatus MetricNotFoundFor(GroupResource resource, string metric, string name) =>
        new($"the server could not find the metric {metric} for {resource} {name}", "NotFound", 404,
            new ApiStatusDetails(name, resource.Group, resource.Resource));

    /// <summary>custom-metrics-apiserver <c>NewMetricNotFoundForSelectorError</c>.</summary>
    public static ApiStatus MetricNotFoundForSelector(GroupResource resource, string metric, string name, string selector) =>
        new($"the server could not find the metric {metric} for {resource} {name} with selector {selector}", "NotFound", 404,
            new ApiStatusDetails(name, resource.Group, resource.Resource));

    /// <summary>External metrics: the metric name is the resource.</summary>
    public static ApiStatus ExternalMetricNotFound(string metric) =>
        new($"the server could not find the requested resource (get {metric}.external.metrics.k8s.io)", "NotFound", 404,
            new ApiStatusDetails(null, "external.metrics.k8s.io", metric));

    /// <summary>go-restful / apiserver reply for a route that does not exist.</summary>
    public static ApiStatus NotFoundRoute() =>
        new("the server could not find the requested resource", "NotFound", 404);

    public static ApiStatus BadRequest(string message) => new(message, "BadRequest", 400);

    public static ApiStatus InvalidPath() => BadRequest("invalid request path");

    public static ApiStatus Unauthorized() => new("Unauthorized", "Unauthorized", 401);

    /// <summary>apierrors <c>NewForbidden</c> wording: <c>pods.custom.metrics.k8s.io "*" is forbidden: User "u" cannot get resource "pods/m" in API group "custom.metrics.k8s.io" in the namespace "ns"</c>.</summary>
    public static ApiStatus Forbidden(string qualifiedResource, string name, string user, string verb, string resource, string group, string? ns, string? reason)
    {
        var where = string.IsNullOrEmpty(ns) ? " at the cluster scope" : $" in the namespace \"{ns}\"";
        var target = string.IsNullOrEmpty(name) ? qualifiedResource : $"{qualifiedResource} \"{name}\"";
        var message = $"{target} is forbidden: User \"{user}\" cannot {verb} resource \"{resource}\" in API group \"{group}\"{where}";
        if (!string.IsNullOrEmpty(reason))
        {
            message += ": " + reason;
        }
        return new ApiStatus(message, "Forbidden", 403, new ApiStatusDetails(string.IsNullOrEmpty(name) ? null : name, group, resource));
    }

    /// <summary>Forbidden for a non-resource path (discovery, openapi).</summary>
    public static ApiStatus ForbiddenPath(string user, string verb, string path) =>
        new($"forbidden: User \"{user}\" cannot {verb} path \"{path}\"", "Forbidden", 403);

    public static ApiStatus MethodNotAllowed(string method) =>
        new($"the server does not allow this method on the requested resource ({method})", "MethodNotAllowed", 405);

    /// <summary>apierrors <c>NewInternalError</c>: "Internal error occurred: …" with the cause in details.</summary>
    public static ApiStatus InternalError(string cause) =>
        new($"Internal error occurred: {cause}", "InternalError", 500,
            new ApiStatusDetails(null, null, null, [new ApiStatusCause(cause)]));

    /// <summary>apierrors <c>NewServiceUnavailable</c>.</summary>
    public static ApiStatus ServiceUnavailable(string message) => new(message, "ServiceUnavailable", 503);

    public static ApiStatus RequestEntityTooLarge(string message) => new(message, "RequestEntityTooLarge", 413);
}

public sealed record ApiStatusDetails(
    [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonPropertyName("group"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Group,
    [property: JsonPropertyName("kind"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind,
    [property: JsonPropertyName("causes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ApiStatusCause>? Causes = null);

public sealed record ApiStatusCause([property: JsonPropertyName("message")] string Message);

/// <summary>Serialises as <c>{}</c> (ListMeta / ObjectMeta with nothing set).</summary>
public sealed class EmptyObject
{
    public static EmptyObject Instance { get; } = new();

    private EmptyObject()
    {
    }
}
