using System.Text.Json;
using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>
/// The cluster's resources from legacy API discovery (<c>/api/v1</c>, <c>/apis</c>, then each group's preferred
/// version), as the RESTMapper prometheus-adapter builds: name, singular name (the lower-case kind when a server leaves
/// it empty), kind and scope. Subresources are skipped. Through the adapter's own client (its TLS and credentials).
/// </summary>
internal static class ApiResourceDiscovery
{
    public static async Task<IReadOnlyList<ApiResource>> ListAsync(k8s.Kubernetes client, CancellationToken cancellationToken)
    {
        var resources = new List<ApiResource>();
        resources.AddRange(Resources(await GetAsync(client, "api/v1", cancellationToken).ConfigureAwait(false), ""));
        using var groups = await GetAsync(client, "apis", cancellationToken).ConfigureAwait(false);
        foreach (var group in groups.RootElement.GetProperty("groups").EnumerateArray())
        {
            var name = group.GetProperty("name").GetString() ?? "";
            var groupVersion = group.GetProperty("preferredVersion").GetProperty("groupVersion").GetString();
            using var list = await GetAsync(client, "apis/" + groupVersion, cancellationToken).ConfigureAwait(false);
            resources.AddRange(Resources(list, name));
        }

        return resources;
    }

    private static List<ApiResource> Resources(JsonDocument list, string group)
    {
        var found = new List<ApiResource>();
        using (list)
        {
            foreach (var resource in list.RootElement.GetProperty("resources").EnumerateArray())
            {
                var plural = resource.GetProperty("name").GetString() ?? "";
                if (plural.Length == 0 || plural.Contains('/', StringComparison.Ordinal))
                {
                    continue;
                }

                var kind = resource.GetProperty("kind").GetString() ?? "";
                var singular = resource.TryGetProperty("singularName", out var s) && s.GetString() is { Length: > 0 } given ? given : kind.ToLowerInvariant();
                found.Add(new ApiResource(singular, plural, group, kind, resource.GetProperty("namespaced").GetBoolean()));
            }
        }

        return found;
    }

    private static async Task<JsonDocument> GetAsync(k8s.Kubernetes client, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, path));
        request.Headers.Accept.ParseAdd("application/json");
        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var response = await client.HttpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
