namespace Autoscale.MetricsAdapter.Api;

/// <summary>
/// The attributes the authorizer sees, derived from a request exactly as k8s.io/apiserver's
/// <c>RequestInfoFactory.NewRequestInfo</c> derives them (so SubjectAccessReviews match what RBAC rules expect):
/// e.g. <c>namespaces/llm/pods/*/m</c> → get pods/m named <c>*</c> in llm; <c>namespaces/llm/m</c> (external) → list m.
/// </summary>
internal sealed record RequestInfo(
    bool IsResourceRequest,
    string Path,
    string Verb,
    string ApiGroup,
    string ApiVersion,
    string Namespace,
    string Resource,
    string Subresource,
    string Name)
{
    public static RequestInfo From(string method, string path)
    {
        var verb = method.ToUpperInvariant() switch
        {
            "POST" => "create",
            "GET" or "HEAD" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => method.ToLowerInvariant(),
        };
        var nonResource = new RequestInfo(false, path, method.ToLowerInvariant(), "", "", "", "", "", "");
        var parts = path.Trim('/').Split('/');
        if (parts.Length < 3 || parts[0] != "apis")
        {
            return nonResource;
        }

        var group = parts[1];
        var version = parts[2];
        var current = parts[3..];
        if (current.Length == 0)
        {
            return nonResource;
        }

        var ns = "";
        if (current[0] == "namespaces")
        {
            if (current.Length > 1)
            {
                ns = current[1];
                if (current.Length > 2 && current[2] is not ("status" or "finalize"))
                {
                    current = current[2..];
                }
            }
        }

        string resource = "", name = "", subresource = "";
        if (current.Length >= 3)
        {
            subresource = current[2];
        }

        if (current.Length >= 2)
        {
            name = current[1];
        }

        if (current.Length >= 1)
        {
            resource = current[0];
        }

        if (name.Length == 0 && verb == "get")
        {
            verb = "list";
        }

        return new RequestInfo(true, path, verb, group, version, ns, resource, subresource, name);
    }
}
