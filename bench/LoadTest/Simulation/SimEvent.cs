namespace Autoscale.LoadTest.Simulation;

/// <summary>A scheduled event. <paramref name="Version"/> lets a pod event detect that the pod changed meanwhile.</summary>
internal readonly record struct SimEvent(double Time, EventKind Kind, int Target, int Version);
