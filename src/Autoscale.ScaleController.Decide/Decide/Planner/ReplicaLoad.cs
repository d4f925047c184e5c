namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// One replica of the mean-value model at a request rate (<see cref="ReplicaCapacity.LoadAt"/>): the prefill seconds of
/// a mean prompt, the share of engine time prefill takes, the sequences decoding and the decode step with them; all
/// with the online correction applied.
/// </summary>
internal sealed record ReplicaLoad(double PrefillSeconds, double PrefillShare, double Running, double StepSeconds);
