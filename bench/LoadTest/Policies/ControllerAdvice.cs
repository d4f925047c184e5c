namespace Autoscale.LoadTest.Policies;

/// <summary>What the controller's Decide step contributes on top of the HPA: scale-down stabilisation and warm pool.</summary>
internal sealed record ControllerAdvice(int ScaleDownStabilisationSeconds, int Placeholders);
