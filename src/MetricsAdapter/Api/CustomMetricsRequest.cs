using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Catalog;

namespace Autoscale.MetricsAdapter.Api;

/// <summary>
/// A parsed custom metrics path, with the routes custom-metrics-apiserver installs (cmhandlers.go):
/// <c>{resource}/{name}/{metric}</c> (root-scoped), <c>namespaces/{ns}/{resource}/{name}/{metric}</c> and
/// <c>namespaces/{ns}/metrics/{metric}</c> (the Namespace object's own metric, rewritten to <c>namespaces/{ns}</c>).
/// </summary>
internal sealed record CustomMetricsRequest(CustomMetricInfo Info, string Namespace, string Name)
{
    public bool IsWildcard => Name == "*";

    public ObjectKey Key => new(Namespace, Name);

    /// <summary>Parses the decoded segments after <c>/apis/custom.metrics.k8s.io/{version}/</c>.</summary>
    public static CustomMetricsRequest Parse(IReadOnlyList<string> segments)
    {
        if (segments.Count is 3 or 4 or 5 && segments.Any(s => s.Length == 0))
        {
            // e.g. "namespaces/default/jobs.batch/": upstream once panicked here; now a 400.
            throw new ApiStatusException(ApiStatus.InvalidPath());
        }

        switch (segments.Count)
        {
            case 3:
                return new CustomMetricsRequest(new CustomMetricInfo(Normalize(segments[0]), false, segments[2]), "", segments[1]);
            case 4 when segments[0] == "namespaces" && segments[2] == "metrics":
                // The Namespace object itself: namespaced path, root-scoped metric (handlers/get.go rewrite).
                return new CustomMetricsRequest(new CustomMetricInfo(GroupResource.Namespaces, false, segments[3]), "", segments[1]);
            case 5 when segments[0] == "namespaces":
                return new CustomMetricsRequest(new CustomMetricInfo(Normalize(segments[2]), true, segments[4]), segments[1], segments[3]);
            default:
                throw new ApiStatusException(ApiStatus.NotFoundRoute());
        }
    }

    /// <summary>Accepts singular forms as upstream's RESTMapper does (<c>pod</c> → <c>pods</c>).</summary>
    private static GroupResource Normalize(string text)
    {
        var gr = GroupResource.Parse(text);
        var resource = gr.Resource switch
        {
            "pod" => "pods",
            "service" => "services",
            "namespace" => "namespaces",
            "node" => "nodes",
            "deployment" => "deployments",
            "statefulset" => "statefulsets",
            _ => gr.Resource,
        };
        return new GroupResource(gr.Group, resource);
    }
}
