namespace Autoscale.Kubernetes;

/// <summary>
/// The attributes an authorizer (and an audit) sees for a request, derived exactly as k8s.io/apiserver's
/// <c>RequestInfoFactory.NewRequestInfo</c> (pkg/endpoints/request/requestinfo.go) derives them: e.g.
/// <c>/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/m</c> → get pods/m named <c>*</c> in llm; a get with
/// no name is a list (or a watch with <c>?watch</c>, naming the object a <c>metadata.name</c> field selector selects);
/// a delete with no name a deletecollection. Prefixes are matched case-sensitively. The adapter's authorizer and the
/// test API server's audit read requests with it.
/// </summary>
public sealed record RequestInfo(
    bool IsResourceRequest,
    string Path,
    string Verb,
    string ApiGroup = "",
    string ApiVersion = "",
    string Namespace = "",
    string Resource = "",
    string Subresource = "",
    string Name = "")
{
    /// <summary>The path parts from the resource on: resource/name/subresource.</summary>
    public IReadOnlyList<string> Parts { get; init; } = [];

    /// <summary>True for <c>/apis/g/v/watch/...</c>, the deprecated watch prefix.</summary>
    public bool WatchPrefix { get; init; }

    /// <summary>From a plain (already decoded) path, split on '/' as upstream's <c>splitPath</c> does.</summary>
    public static RequestInfo? From(string method, string path, Func<string, string?>? query = null) =>
        From(method, path, path.Split('/', StringSplitOptions.RemoveEmptyEntries), query);

    /// <summary>Null where upstream fails the request (a <c>watch</c>/<c>proxy</c> verb with nothing after it: a 500 there).</summary>
    public static RequestInfo? From(string method, string path, IReadOnlyList<string> parts, Func<string, string?>? query = null)
    {
        var nonResource = new RequestInfo(false, path, method.ToLowerInvariant());
        var current = parts.ToArray().AsSpan();
        if (current.Length < 3 || current[0] is not ("apis" or "api"))
        {
            return nonResource;
        }

        var groupless = current[0] == "api";
        current = current[1..];
        var group = "";
        if (!groupless)
        {
            if (current.Length < 3)
            {
                return nonResource;
            }

            group = current[0];
            current = current[1..];
        }

        var version = current[0];
        current = current[1..];
        string verb;
        var watchPrefix = false;
        if (current[0] is "watch" or "proxy")
        {
            if (current.Length < 2)
            {
                return null;
            }

            verb = current[0];
            watchPrefix = verb == "watch";
            current = current[1..];
        }
        else
        {
            verb = method.ToUpperInvariant() switch
            {
                "POST" => "create",
                "GET" or "HEAD" => "get",
                "PUT" => "update",
                "PATCH" => "patch",
                "DELETE" => "delete",
                _ => "",
            };
        }

        var ns = "";
        if (current[0] == "namespaces" && current.Length > 1)
        {
            ns = current[1];
            if (current.Length > 2 && current[2] is not ("status" or "finalize"))
            {
                current = current[2..];
            }
        }

        var resource = current[0];
        var name = current.Length >= 2 ? current[1] : "";
        var subresource = current.Length >= 3 && verb != "proxy" ? current[2] : "";
        if (name.Length == 0 && verb == "get")
        {
            verb = IsTrue(query?.Invoke("watch")) ? "watch" : "list";
            if (FieldSelectorName(query?.Invoke("fieldSelector")) is { } selected)
            {
                name = selected;
            }
        }

        if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new RequestInfo(true, path, verb, group, version, ns, resource, subresource, name)
        {
            Parts = current.ToArray(),
            WatchPrefix = watchPrefix,
        };
    }

    /// <summary>
    /// A boolean query parameter as the API server's parameter codec reads it (apimachinery's
    /// <c>Convert_Slice_string_To_bool</c>): present and not "0"/"false" means true.
    /// </summary>
    public static bool IsTrue(string? value) =>
        value is not null && value != "0" && !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>The name an exact <c>metadata.name</c> field selector requires, when it is a valid path segment.</summary>
    private static string? FieldSelectorName(string? selector)
    {
        if (string.IsNullOrEmpty(selector))
        {
            return null;
        }

        foreach (var term in selector.Split(','))
        {
            var trimmed = term.Trim();
            foreach (var op in (string[])["==", "="])
            {
                var prefix = "metadata.name" + op;
                if (trimmed.StartsWith(prefix, StringComparison.Ordinal) && !trimmed.StartsWith("metadata.name!=", StringComparison.Ordinal))
                {
                    var value = trimmed[prefix.Length..];
                    return value.Length > 0 && value.IndexOfAny(['/', '%']) < 0 && value is not "." and not ".." ? value : null;
                }
            }
        }

        return null;
    }
}
