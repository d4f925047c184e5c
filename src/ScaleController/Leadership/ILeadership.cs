namespace Autoscale.ScaleController.Leadership;

/// <summary>
/// Whether this instance may write. <see cref="Term"/> is cancelled the moment leadership is lost, so a write in
/// flight (and its retries) stops with it; Act checks <see cref="IsLeader"/> before every write.
/// </summary>
internal interface ILeadership
{
    bool IsLeader { get; }

    /// <summary>Cancelled when the current term ends; already cancelled while not leading.</summary>
    CancellationToken Term { get; }

    /// <summary>True while another instance is known to hold the lease (it reports what this one sees).</summary>
    bool OtherLeads { get; }

    /// <summary>Raised on every change of <see cref="IsLeader"/>.</summary>
    event Action<bool>? Changed;
}
