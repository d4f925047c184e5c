using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>One series of a rule query's answer: its labels and its value with Prometheus' evaluation time.</summary>
internal sealed record RuleSample(IReadOnlyDictionary<string, string> Labels, Sample Sample);
