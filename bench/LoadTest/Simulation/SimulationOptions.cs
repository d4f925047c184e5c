using Autoscale.LoadTest.Cluster;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// One run's settings. Every policy starts from the same <paramref name="InitialReplicas"/> warm, ready replicas.
/// After the last arrival the run continues up to <paramref name="DrainSeconds"/> so queued work can finish.
/// <paramref name="Balloons"/>: a balloon Deployment beside every policy that keeps no warm pool of its own
/// (<c>--warm-pool-all</c>); a policy with a controller keeps its controller's pool instead.
/// </summary>
internal sealed record SimulationOptions(
    ClusterOptions Cluster,
    int Seed,
    int InitialReplicas = 1,
    double SampleEverySeconds = 10,
    double DrainSeconds = 1800,
    BalloonPool? Balloons = null);
