using Autoscale.ScaleController.Leadership;

namespace Autoscale.ScaleController.Tests.Act;

/// <summary>Leadership a test switches by hand.</summary>
internal sealed class TestLeadership : ILeadership, IDisposable
{
    private CancellationTokenSource term = new();

    public event Action<bool>? Changed;

    public bool IsLeader { get; private set; } = true;

    public CancellationToken Term => term.Token;

    public bool OtherLeads => !IsLeader;

    public void Lose()
    {
        IsLeader = false;
        term.Cancel();
        Changed?.Invoke(false);
    }

    public void Win()
    {
        term.Dispose();
        term = new CancellationTokenSource();
        IsLeader = true;
        Changed?.Invoke(true);
    }

    public void Dispose() => term.Dispose();
}
