using Autoscale.MetricsAdapter.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Support;

/// <summary>
/// A test's own PKI and fake clock and the real adapter serving <see cref="TestFleet"/> with them, started when the
/// test says how (each test may start it with its own options); disposing stops the adapter and deletes the PKI.
/// </summary>
internal sealed class FleetAdapter : IAsyncDisposable
{
    private RunningAdapter? _adapter;

    public TestPki Pki { get; } = new();

    public FakeTimeProvider Time { get; } = new(TestFleet.Now);

    public RunningAdapter Adapter => _adapter ?? throw new InvalidOperationException("the adapter was not started");

    public async Task<RunningAdapter> StartAsync(Func<AdapterOptions, AdapterOptions>? configure = null) =>
        _adapter = await RunningAdapter.StartAsync(Pki, TestFleet.Create(), Time, configure);

    /// <summary>
    /// Advances the clock by <paramref name="step"/> and reads until <paramref name="done"/> holds (up to 100 steps,
    /// 20 ms of real time apart, for the reload to land); returns the last value read.
    /// </summary>
    public async Task<T> AdvanceUntilAsync<T>(TimeSpan step, Func<Task<T>> read, Func<T, bool> done)
    {
        var value = default(T)!;
        for (var i = 0; i < 100; i++)
        {
            Time.Advance(step);
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
            value = await read();
            if (done(value))
            {
                return value;
            }
        }

        return value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_adapter is not null)
        {
            await _adapter.DisposeAsync();
        }

        Pki.Dispose();
    }
}
