using System.Text.Json.Nodes;
using Autoscale.Testing.KubeApi.Catalog;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>A failure the server answers with a Kubernetes <c>Status</c>, thrown from deep in a handler.</summary>
internal sealed class StatusException : Exception
{
    public StatusException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }

    public string Reason { get; }

    public JsonObject? Details { get; }

    public JsonObject ToStatus() => Build(Code, Reason, Message, Details);

    public static JsonObject Build(int code, string reason, string message, JsonObject? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    // Messages and details below are those of k8s.io/apimachinery/pkg/api/errors.
    public static StatusException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", DetailsOf(type, name));

    public static StatusException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", DetailsOf(type, name));

    public static StatusException Conflict(ResourceType type, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            DetailsOf(type, name));

    public static StatusException Expired(string message) => new(410, "Expired", message);

    public static StatusException BadRequest(string message) => new(400, "BadRequest", message);

    public static StatusException Invalid(ResourceType type, string name, string message) =>
        new(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {message}", DetailsOf(type, name));

    public static StatusException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got {contentType})");

    public static StatusException MethodNotSupported(string resource, string verb) =>
        new(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{resource}\"");

    public static StatusException PathNotFound() => new(404, "NotFound", "the server could not find the requested resource");

    private static JsonObject DetailsOf(ResourceType type, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Resource;
        return details;
    }
}
