namespace Autoscale.Testing.KubeApi;

/// <summary>
/// A request the API server handed to an aggregated API's backend (what an APIService registers, such as
/// custom.metrics.k8s.io), after authentication, audit and authorization, as the kube-aggregator proxies it:
/// the path under <c>/apis/{group}/{version}</c>, its query, the user, and the attributes RBAC saw.
/// </summary>
public sealed record ApiServiceRequest(
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string User,
    string Namespace,
    string Resource,
    string Name,
    string Subresource)
{
    public string? LabelSelector => Query.GetValueOrDefault("labelSelector");
}

/// <summary>The backend's answer: a status code and a JSON body (a MetricValueList, a Status, …).</summary>
public sealed record ApiServiceResponse(int StatusCode, string Json);
