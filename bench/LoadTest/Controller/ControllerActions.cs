namespace Autoscale.LoadTest.Controller;

/// <summary>
/// What the simulator must do after a controller tick: placeholder pods to delete and to create, and the chunks the
/// workload's CapacityBuffer now asks for (null: the buffer was not written this tick).
/// </summary>
internal sealed record ControllerActions(IReadOnlyList<string> Delete, IReadOnlyList<PlaceholderToCreate> Create, int? CapacityBuffer = null)
{
    public static ControllerActions None { get; } = new([], []);
}
