namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// The largest request rate one replica serves within the SLO for a demand shape, and why it is not higher:
/// <see cref="Bound"/> names the binding limit (<c>tpot</c>, <c>ttft</c>, <c>kv</c>, <c>max-seqs</c>),
/// <see cref="Concurrency"/> is the running batch at that rate, <see cref="Correction"/> the online factor applied.
/// </summary>
internal sealed record CapacityEstimate(
    double RequestsPerSecond,
    string Bound,
    double Concurrency,
    double TpotSeconds,
    double TpotLimitSeconds,
    double TtftSeconds,
    double TtftLimitSeconds,
    double Correction);
