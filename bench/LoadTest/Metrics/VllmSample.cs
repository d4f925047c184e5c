using Autoscale.LoadTest.Replicas;

namespace Autoscale.LoadTest.Metrics;

/// <summary>
/// One scrape of one serving pod's /metrics: waiting, running, KV usage and the counters and histogram sums the
/// adapter's rate metrics come from, at the scrape time.
/// </summary>
internal sealed record VllmSample(string PodName, double At, int Waiting, int Running, double KvUsage, ReplicaCounters Counters = default);
