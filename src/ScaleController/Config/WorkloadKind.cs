namespace Autoscale.ScaleController.Config;

/// <summary>The scalable workload kinds the controller manages; each is a <c>scale</c> target of an HPA.</summary>
internal enum WorkloadKind
{
    Deployment,
    StatefulSet,
    LeaderWorkerSet,
}
