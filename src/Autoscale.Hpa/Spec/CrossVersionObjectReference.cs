namespace Autoscale.Hpa.Spec;

/// <summary>autoscaling/v2 <c>CrossVersionObjectReference</c>.</summary>
public sealed record CrossVersionObjectReference(string Kind, string Name, string ApiVersion);
