namespace Autoscale.ScaleController.Decide.Observed;

/// <summary>
/// What Decide reads of a node, and no more (the watch keeps only this much of each node): when it was created,
/// whether and since when it is Ready, the GPUs it can allocate (the configured GPU resources summed) and whether it
/// is cordoned. Used to split a cold start's "waiting for a node" and to tell warm placeholders from warming ones.
/// </summary>
/// <param name="ReadySince">The Ready=True condition's lastTransitionTime; null while not Ready (or unknown).</param>
public sealed record ObservedNode(string Name, DateTimeOffset Created, DateTimeOffset? ReadySince, int Gpus, bool Cordoned = false)
{
    public bool Ready => ReadySince is not null;
}
