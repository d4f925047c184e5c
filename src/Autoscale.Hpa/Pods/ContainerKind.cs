namespace Autoscale.Hpa.Pods;

/// <summary>
/// Where a container sits in the pod spec. Only regular and restartable init (sidecar) containers count toward
/// the pod's request, as in upstream calculatePodRequestsFromContainers.
/// </summary>
public enum ContainerKind
{
    Regular,
    Init,
    RestartableInit,
}
