namespace Autoscale.VllmEmulator.Server;

/// <summary>
/// Many emulated pods in one process, each on its own loopback port, sharing one TimeProvider and one time origin
/// so that their model clocks agree, and one HTTP server (<see cref="PodServer"/>): thousands of pods cost a few
/// threads. Pods can be added and removed while running (scale up, scale down).
/// </summary>
public sealed class EmulatedFleet : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<EmulatedVllmPod> _pods = [];
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _epoch;
    private readonly PodServer _server = new();

    public EmulatedFleet(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _epoch = timeProvider.GetUtcNow();
    }

    public TimeProvider Time => _time;

    /// <summary>Model time zero of every pod in the fleet.</summary>
    public DateTimeOffset Epoch => _epoch;

    /// <summary>A snapshot of the pods, in launch order.</summary>
    public IReadOnlyList<EmulatedVllmPod> Pods
    {
        get
        {
            lock (_gate)
            {
                return [.. _pods];
            }
        }
    }

    /// <summary>Pods that serve traffic, as a Service's endpoints would list them.</summary>
    public IReadOnlyList<EmulatedVllmPod> ReadyPods => Pods.Where(p => p.State == PodState.Ready).ToList();

    /// <summary>Launches the pods and waits until every one listens (their load delays run on the TimeProvider).</summary>
    public async Task<IReadOnlyList<EmulatedVllmPod>> StartAsync(IEnumerable<PodOptions> pods, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var launched = pods.Select(p => Launch(p, cancellationToken)).ToList();
        await Task.WhenAll(launched.Select(p => p.Ready)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return launched;
    }

    /// <summary>Starts loading one pod and returns at once; await <see cref="EmulatedVllmPod.Ready"/> to know it listens.</summary>
    public EmulatedVllmPod Launch(PodOptions options, CancellationToken cancellationToken = default)
    {
        var pod = new EmulatedVllmPod(options, _time, _epoch, _server, ownsServer: false);
        lock (_gate)
        {
            _pods.Add(pod);
        }

        // Failures surface through pod.Ready, which StartAsync completes only on success.
        _ = pod.StartAsync(cancellationToken);

        return pod;
    }

    public IReadOnlyList<EmulatedVllmPod> WithLabel(string key, string value) =>
        Pods.Where(p => p.Labels.TryGetValue(key, out var v) && v == value).ToList();

    /// <summary>Stops a pod and forgets it (scale down). Its requests in flight are lost, as on pod deletion.</summary>
    public async Task RemoveAsync(EmulatedVllmPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        lock (_gate)
        {
            _pods.Remove(pod);
        }

        await pod.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        List<EmulatedVllmPod> pods;
        lock (_gate)
        {
            pods = [.. _pods];
            _pods.Clear();
        }

        await Task.WhenAll(pods.Select(p => p.StopAsync())).ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
