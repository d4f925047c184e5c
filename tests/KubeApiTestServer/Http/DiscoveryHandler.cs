using System.Text.Json.Nodes;
using Autoscale.Testing.KubeApi.Catalog;
using Microsoft.AspNetCore.Http;

namespace Autoscale.Testing.KubeApi.Http;

/// <summary>
/// Legacy (unaggregated) discovery: /api, /apis, /api/v1, /apis/{group}[/{version}] and /version. Clients that ask
/// for aggregated discovery get plain JSON and fall back to this, as against an older server.
/// </summary>
internal static class DiscoveryHandler
{
    private static readonly (string Group, string Version, string Resource, string Kind)[] Reviews =
    [
        ("authentication.k8s.io", "v1", "tokenreviews", "TokenReview"),
        ("authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview"),
    ];

    public static Task VersionAsync(HttpContext context) => JsonResponses.WriteAsync(context, 200, new JsonObject
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-12-11T00:00:00Z",
        ["goVersion"] = "go1.23.3",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    });

    public static Task CoreVersionsAsync(HttpContext context, ServerState state) => JsonResponses.WriteAsync(context, 200, new JsonObject
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = state.ServerAddress }),
    });

    public static Task GroupListAsync(HttpContext context, ServerState state)
    {
        var groups = new JsonArray();
        foreach (var group in GroupVersions(state).GroupBy(gv => gv.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            groups.Add(Group(group.Key, group.Select(gv => gv.Version).Distinct()));
        }

        return JsonResponses.WriteAsync(context, 200, new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups });
    }

    public static Task GroupAsync(HttpContext context, ServerState state, string group)
    {
        var versions = GroupVersions(state).Where(gv => gv.Group == group).Select(gv => gv.Version).Distinct().ToList();
        if (versions.Count == 0)
        {
            throw StatusException.PathNotFound();
        }

        var body = Group(group, versions);
        body["kind"] = "APIGroup";
        body["apiVersion"] = "v1";
        return JsonResponses.WriteAsync(context, 200, body);
    }

    public static Task ResourceListAsync(HttpContext context, ServerState state, string group, string version)
    {
        var resources = new JsonArray();
        foreach (var type in state.Catalog.All.Where(t => t.Group == group && t.Version == version).OrderBy(t => t.Resource, StringComparer.Ordinal))
        {
            resources.Add(Resource(type));
            if (type.HasStatus)
            {
                resources.Add(Subresource(type.Resource + "/status", type.Namespaced, type.Kind, null));
            }

            if (type.HasScale)
            {
                resources.Add(Subresource(type.Resource + "/scale", type.Namespaced, "Scale", ("autoscaling", "v1")));
            }
        }

        foreach (var review in Reviews.Where(r => r.Group == group && r.Version == version))
        {
            resources.Add(new JsonObject
            {
                ["name"] = review.Resource,
                ["singularName"] = review.Kind.ToLowerInvariant(),
                ["namespaced"] = false,
                ["kind"] = review.Kind,
                ["verbs"] = new JsonArray("create"),
            });
        }

        if (resources.Count == 0)
        {
            throw StatusException.PathNotFound();
        }

        return JsonResponses.WriteAsync(context, 200, new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        });
    }

    // Aggregated groups are listed whether or not their APIService is Available, as the aggregator does: a client's
    // discovery then fails for that group version alone ("unable to retrieve the complete list of server APIs").
    private static IEnumerable<(string Group, string Version)> GroupVersions(ServerState state) =>
        state.Catalog.All.Where(t => t.Group.Length > 0).Select(t => (t.Group, t.Version)).Concat(Reviews.Select(r => (r.Group, r.Version)))
            .Concat(Aggregation.ApiServices.All(state).Where(s => !s.IsLocal).Select(s => (s.Group, s.Version)))
            .Distinct();

    private static JsonObject Group(string name, IEnumerable<string> versions)
    {
        var list = versions.Select(v => new JsonObject { ["groupVersion"] = $"{name}/{v}", ["version"] = v }).ToList();
        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = new JsonArray(list.Select(v => (JsonNode)v.DeepClone()).ToArray()),
            ["preferredVersion"] = list[0].DeepClone(),
        };
    }

    private static JsonObject Resource(ResourceType type)
    {
        var resource = new JsonObject
        {
            ["name"] = type.Resource,
            ["singularName"] = type.Kind.ToLowerInvariant(),
            ["namespaced"] = type.Namespaced,
            ["kind"] = type.Kind,
            ["verbs"] = new JsonArray("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"),
        };
        if (type.ShortNames is { Length: > 0 } shortNames)
        {
            resource["shortNames"] = new JsonArray(shortNames.Select(s => (JsonNode)s).ToArray());
        }

        return resource;
    }

    private static JsonObject Subresource(string name, bool namespaced, string kind, (string Group, string Version)? groupVersion)
    {
        var resource = new JsonObject { ["name"] = name, ["singularName"] = "", ["namespaced"] = namespaced };
        if (groupVersion is { } gv)
        {
            resource["group"] = gv.Group;
            resource["version"] = gv.Version;
        }

        resource["kind"] = kind;
        resource["verbs"] = new JsonArray("get", "patch", "update");
        return resource;
    }
}
