namespace Autoscale.LoadTest.Policies;

/// <summary>PodAutoscaler <c>spec.scalingStrategy</c> values AIBrix computes itself (its HPA strategy only renders a Kubernetes HPA).</summary>
internal enum AibrixStrategy
{
    Kpa,
    Apa,
}
