namespace Autoscale.LoadTest.Controller;

/// <summary>What the simulator must do after a controller tick: placeholder pods to delete and to create.</summary>
internal sealed record ControllerActions(IReadOnlyList<string> Delete, IReadOnlyList<PlaceholderToCreate> Create)
{
    public static ControllerActions None { get; } = new([], []);
}
