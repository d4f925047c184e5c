namespace Autoscale.Hpa.Tests.Calculator;

internal enum MetricKind
{
    Object,
    ObjectPerPod,
    External,
    ExternalPerPod,
    Pod,
}

internal sealed record MetricCase(CalcScenario Fixture, MetricKind Kind, long[] Levels, long Target, int ExpectedReplicas, long ExpectedUsage, Hpa.Calculator.Tolerances? Tolerances = null);
