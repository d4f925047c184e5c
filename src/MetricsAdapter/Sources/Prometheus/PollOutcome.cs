using Autoscale.MetricsAdapter.Sources.Prometheus.Client;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>One poll cycle: queries sent, how many failed, the last error, and the pods written.</summary>
internal sealed record PollOutcome(int Queries, int Failed, PromError? LastError, int PodsWritten);
