namespace Autoscale.LoadTest.Cluster;

/// <summary>One single-GPU node. Billed from the provisioning request until the Cluster Autoscaler removes it.</summary>
internal sealed class SimNode(int id, double requestedAt)
{
    public int Id { get; } = id;

    public double RequestedAt { get; } = requestedAt;

    public double? ReadyAt { get; set; }

    public double? RemovedAt { get; set; }

    public bool ImageCached { get; set; }

    public SimPod? Pod { get; set; }

    /// <summary>When the node last became empty; the CA removes it after the unneeded time.</summary>
    public double EmptySince { get; set; }

    public bool IsReady => ReadyAt is not null && RemovedAt is null;
}
