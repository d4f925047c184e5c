namespace Autoscale.LoadTest.Metrics;

/// <summary>One scrape of one serving pod's /metrics: waiting, running, KV usage, at the scrape time.</summary>
internal sealed record VllmSample(string PodName, double At, int Waiting, int Running, double KvUsage);
