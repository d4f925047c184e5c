namespace Autoscale.VllmEmulator.Model;

/// <summary>A published range of output tokens per second, used to check the calibration of a profile.</summary>
public readonly record struct ThroughputRange(double Min, double Max)
{
    public bool Contains(double value) => value >= Min && value <= Max;
}
