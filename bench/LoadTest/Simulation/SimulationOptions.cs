using Autoscale.LoadTest.Cluster;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// One run's settings. Every policy starts from the same <paramref name="InitialReplicas"/> warm, ready replicas.
/// After the last arrival the run continues up to <paramref name="DrainSeconds"/> so queued work can finish.
/// </summary>
internal sealed record SimulationOptions(
    ClusterOptions Cluster,
    int Seed,
    int InitialReplicas = 1,
    double SampleEverySeconds = 10,
    double DrainSeconds = 1800);
