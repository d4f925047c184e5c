namespace Autoscale.ScaleController.Act;

/// <summary>The object an Event is recorded on (involvedObject).</summary>
internal sealed record EventTarget(string ApiVersion, string Kind, string Namespace, string Name, string? Uid = null)
{
    public static EventTarget Hpa(string ns, string name, string? uid = null) => new("autoscaling/v2", "HorizontalPodAutoscaler", ns, name, uid);

    public static EventTarget ConfigMap(string ns, string name, string? uid = null) => new("v1", "ConfigMap", ns, name, uid);
}
