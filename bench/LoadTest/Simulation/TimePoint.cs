namespace Autoscale.LoadTest.Simulation;

/// <summary>One chart sample of the fleet.</summary>
internal sealed record TimePoint(double At, int Desired, int Ready, int Pods, int Nodes, int Placeholders, int Waiting, int Buffered);
