namespace Autoscale.Hpa;

/// <summary>
/// A core/v1 Event to record on an object (an HPA, a ConfigMap): its type, reason and message. The one Event type of
/// the HPA port (upstream's reasons and messages), the decide step and the controller that records them.
/// </summary>
public sealed record KubernetesEvent(KubernetesEventType Type, string Reason, string Message);
