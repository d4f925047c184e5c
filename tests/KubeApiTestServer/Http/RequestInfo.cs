namespace Autoscale.Testing.KubeApi.Http;

/// <summary>
/// The attributes RBAC sees for a request, parsed exactly as k8s.io/apiserver's <c>RequestInfoFactory</c> does, so
/// the audit log can prove which verbs and resources a program needs.
/// </summary>
internal sealed record RequestInfo
{
    private static readonly string[] NamespaceSubresources = ["status", "finalize"];

    public bool IsResourceRequest { get; init; }

    public required string Path { get; init; }

    public required string Verb { get; init; }

    public string ApiGroup { get; init; } = "";

    public string ApiVersion { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Resource { get; init; } = "";

    public string Subresource { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>The path parts from the resource on: resource/name/subresource.</summary>
    public IReadOnlyList<string> Parts { get; init; } = [];

    /// <summary>True for <c>/api/v1/watch/...</c>, the deprecated watch prefix.</summary>
    public bool WatchPrefix { get; init; }

    public static RequestInfo Parse(string method, string path, Func<string, string?> query)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var nonResource = new RequestInfo { Path = path, Verb = method.ToLowerInvariant() };
        if (parts.Length < 3 || (parts[0] != "api" && parts[0] != "apis"))
        {
            return nonResource;
        }

        var rest = parts.AsSpan(1);
        var group = "";
        if (parts[0] == "apis")
        {
            if (rest.Length < 3)
            {
                return nonResource;
            }

            group = rest[0];
            rest = rest[1..];
        }

        var version = rest[0];
        rest = rest[1..];
        string verb;
        var watchPrefix = false;
        if (rest[0] is "watch" or "proxy" && rest.Length >= 2)
        {
            verb = rest[0];
            watchPrefix = verb == "watch";
            rest = rest[1..];
        }
        else
        {
            verb = method switch
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
        if (rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2]))
            {
                rest = rest[2..];
            }
        }

        var resource = rest[0];
        var name = rest.Length >= 2 ? rest[1] : "";
        var subresource = rest.Length >= 3 && verb != "proxy" ? rest[2] : "";
        if (name.Length == 0 && verb == "get")
        {
            verb = IsTrue(query("watch")) ? "watch" : "list";
            if (FieldSelectorName(query("fieldSelector")) is { } selected)
            {
                name = selected;
            }
        }

        if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new RequestInfo
        {
            IsResourceRequest = true,
            Path = path,
            Verb = verb,
            ApiGroup = group,
            ApiVersion = version,
            Namespace = ns,
            Resource = resource,
            Subresource = subresource,
            Name = name,
            Parts = rest.ToArray(),
            WatchPrefix = watchPrefix,
        };
    }

    /// <summary>Go's strconv.ParseBool, which the API server uses for query flags.</summary>
    public static bool IsTrue(string? value) => value is "1" or "t" or "T" or "true" or "TRUE" or "True";

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
                    return value.Length > 0 && !value.Contains('/', StringComparison.Ordinal) && value is not "." and not ".." ? value : null;
                }
            }
        }

        return null;
    }
}
