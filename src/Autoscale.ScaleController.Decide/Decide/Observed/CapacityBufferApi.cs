namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>
/// The CapacityBuffer API as the cluster serves it: the version the controller writes (<c>v1</c> preferred, then
/// <c>v1beta1</c>) and the buffers it manages. Its presence on <see cref="ObservedCluster"/> is what resolves an
/// <c>auto</c> warm pool to buffers.
/// </summary>
public sealed record CapacityBufferApi(string Version, IReadOnlyList<ObservedCapacityBuffer> Buffers)
{
    public const string Group = "autoscaling.x-k8s.io";

    public const string Resource = "capacitybuffers";

    public const string Kind = "CapacityBuffer";

    public string ApiVersion => $"{Group}/{Version}";
}
