using Autoscale.ScaleController.Leadership;

namespace Autoscale.ScaleController.Tests.Act;

/// <summary>Leadership a test switches by hand.</summary>
internal sealed class TestLeadership : ILeadership, IDisposable
{
    private CancellationTokenSource _term = new();

    public event Action<bool>? Changed;

    public bool IsLeader { get; private set; } = true;

    public CancellationToken Term => _term.Token;

    public bool OtherLeads => !IsLeader;

    public void Lose()
    {
        IsLeader = false;
        _term.Cancel();
        Changed?.Invoke(false);
    }

    public void Win()
    {
        _term.Dispose();
        _term = new CancellationTokenSource();
        IsLeader = true;
        Changed?.Invoke(true);
    }

    public void Dispose() => _term.Dispose();
}
