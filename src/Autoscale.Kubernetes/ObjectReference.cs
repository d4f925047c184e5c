namespace Autoscale.Kubernetes;

/// <summary>
/// The <c>describedObject</c> of a metric value. <c>ApiVersion</c> keeps upstream's quirk: the library builds it as
/// <c>group + "/" + version</c>, so core objects say <c>"/v1"</c> (the HPA reads only the name).
/// </summary>
public sealed record ObjectReference(string Kind, string Namespace, string Name, string ApiVersion)
{
    public static string ApiVersionFor(GroupResource resource) => resource.Group + "/v1";

    public static string KindFor(GroupResource resource) => resource.Resource switch
    {
        "pods" => "Pod",
        "services" => "Service",
        "namespaces" => "Namespace",
        "nodes" => "Node",
        "deployments" => "Deployment",
        "statefulsets" => "StatefulSet",
        "replicasets" => "ReplicaSet",
        _ => resource.Resource,
    };

    public static ObjectReference For(GroupResource resource, string ns, string name) =>
        new(KindFor(resource), ns, name, ApiVersionFor(resource));
}
