namespace Autoscale.ScaleController.Leadership;

/// <summary>Leader election disabled (<c>--leader-elect=false</c>, a single replica): always leading.</summary>
internal sealed class AlwaysLeader : ILeadership
{
    public bool IsLeader => true;

    public CancellationToken Term => CancellationToken.None;

    public bool OtherLeads => false;

    public event Action<bool>? Changed
    {
        add { }
        remove { }
    }
}
