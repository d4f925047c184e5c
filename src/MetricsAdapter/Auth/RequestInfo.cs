using Autoscale.MetricsAdapter.Api;

namespace Autoscale.MetricsAdapter.Auth;

/// <summary>
/// The attributes the authorizer sees, derived from a request exactly as k8s.io/apiserver's
/// <c>RequestInfoFactory.NewRequestInfo</c> (pkg/endpoints/request/requestinfo.go) derives them, from the same
/// <see cref="ApiPath"/> routing uses: e.g. <c>namespaces/llm/pods/*/m</c> → get pods/m named <c>*</c> in llm;
/// <c>namespaces/llm/m</c> (external) → list m. Prefixes are matched case-sensitively, so <c>/APIS/...</c> is a
/// non-resource path (and is never routed to a metric handler).
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
    /// <summary>Convenience for callers holding a plain (already decoded) path.</summary>
    public static RequestInfo? From(string method, string path, Func<string, string?>? query = null) =>
        ApiPath.FromRawTarget(path) is { } parsed ? From(method, parsed, query) : null;

    /// <summary>Null where upstream fails the request (a <c>watch</c>/<c>proxy</c> verb with nothing after it: a 500 there).</summary>
    public static RequestInfo? From(string method, ApiPath path, Func<string, string?>? query = null)
    {
        var nonResource = new RequestInfo(false, path.Path, method.ToLowerInvariant(), "", "", "", "", "", "");
        var current = path.Parts.ToArray().AsSpan();
        // APIPrefixes {api, apis}; "api" is the groupless legacy prefix, which this server never serves.
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
        if (current[0] is "watch" or "proxy")
        {
            if (current.Length < 2)
            {
                return null;
            }

            verb = current[0];
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

        string resource = "", name = "", subresource = "";
        if (current.Length >= 3 && verb != "proxy")
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
            verb = IsTrue(query?.Invoke("watch")) ? "watch" : "list";
        }

        if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new RequestInfo(true, path.Path, verb, group, version, ns, resource, subresource, name);
    }

    /// <summary>apimachinery's <c>Convert_Slice_string_To_bool</c>: present and not "0"/"false" means true.</summary>
    private static bool IsTrue(string? value) =>
        value is not null && value != "0" && !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
}
