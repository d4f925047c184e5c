namespace Autoscale.LoadTest.Simulation;

/// <summary>A replica that became ready: when, how long since it was created, and whether it waited for a new node.</summary>
internal sealed record ColdStart(double ReadyAt, double Seconds, bool NewNode);
