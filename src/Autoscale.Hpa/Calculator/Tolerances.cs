namespace Autoscale.Hpa.Calculator;

/// <summary>
/// Usage-ratio tolerances per direction. Go field order is {scaleDown, scaleUp}; this record keeps it so upstream
/// test vectors read the same.
/// </summary>
public readonly record struct Tolerances(double ScaleDown, double ScaleUp)
{
    /// <summary>The cluster default (<c>--horizontal-pod-autoscaler-tolerance</c> = 0.1) for both directions.</summary>
    public static Tolerances Default { get; } = new(0.1, 0.1);

    /// <summary>Both bounds inclusive, computed in this order to match upstream float rounding.</summary>
    public bool IsWithin(double usageRatio) => 1.0 - ScaleDown <= usageRatio && usageRatio <= 1.0 + ScaleUp;
}
