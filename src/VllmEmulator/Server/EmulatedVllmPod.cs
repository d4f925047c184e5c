using Autoscale.VllmEmulator.Exposition;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.VllmEmulator.Server;

/// <summary>
/// One emulated vLLM pod: a <see cref="ReplicaModel"/> on its own loopback port serving <c>/metrics</c>,
/// <c>/health</c>, <c>/v1/models</c> and the sleep-mode endpoints (pods of one <see cref="EmulatedFleet"/> share one
/// Kestrel: see <see cref="PodServer"/>). The model advances to the TimeProvider's time
/// whenever it is observed (a scrape, a submit), so values move as time passes. Thread-safe.
/// </summary>
public sealed class EmulatedVllmPod : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _epoch;
    private readonly ReplicaModel _model;
    private readonly ExpositionOptions _exposition;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PodServer _server;
    private readonly bool _ownsServer;
    private readonly PodSocket _socket;
    private double _lastArrival;
    private long _nextId;

    /// <summary>A pod with a server of its own; pods of an <see cref="EmulatedFleet"/> share the fleet's.</summary>
    public EmulatedVllmPod(PodOptions options, TimeProvider timeProvider, DateTimeOffset? epoch = null)
        : this(options, timeProvider, epoch, new PodServer(), ownsServer: true)
    {
    }

    internal EmulatedVllmPod(PodOptions options, TimeProvider timeProvider, DateTimeOffset? epoch, PodServer server, bool ownsServer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Options = options;
        _time = timeProvider;
        _epoch = epoch ?? timeProvider.GetUtcNow();
        _model = new ReplicaModel(options.Profile, options.OnFinished);
        _exposition = new ExpositionOptions
        {
            ModelName = options.ServedModelName ?? options.Profile.ModelName,
            Dialect = options.Dialect,
            CreatedUnixSeconds = _epoch.ToUnixTimeMilliseconds() / 1000.0,
        };
        _server = server;
        _ownsServer = ownsServer;
        _socket = new PodSocket();
    }

    public PodOptions Options { get; }

    public string Name => Options.Name;

    public string Namespace => Options.Namespace;

    public IReadOnlyDictionary<string, string> Labels => Options.Labels;

    public ReplicaProfile Profile => Options.Profile;

    public string ServedModelName => _exposition.ModelName;

    /// <summary>The loopback port: bound from creation (refusing connections until the pod is ready), never changes.</summary>
    public int Port => _socket.Port;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public Uri MetricsUri => new(BaseAddress, "metrics");

    public PodState State { get; private set; }

    /// <summary>Completes when the pod listens.</summary>
    public Task Ready => _ready.Task;

    public ScrapeFault Fault { get; set; }

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsSleeping => State == PodState.Sleeping;

    internal TimeProvider Time => _time;

    /// <summary>Loads (waits <see cref="PodOptions.LoadDelay"/> on the TimeProvider, not listening), then listens.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (State != PodState.Created)
        {
            throw new InvalidOperationException($"Pod {Name} was already started ({State}).");
        }

        State = PodState.Loading;
        try
        {
            await LoadAndListenAsync(cancellationToken).ConfigureAwait(false);
            _ready.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            _ready.TrySetCanceled(cancellationToken);
            throw;
        }
        catch (Exception e)
        {
            _ready.TrySetException(e);
            throw;
        }
    }

    public async Task StopAsync()
    {
        lock (_gate)
        {
            State = PodState.Stopped;
        }

        _server.Remove(_socket);
        _socket.Dispose();
        if (_ownsServer)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>vLLM <c>POST /sleep</c>: the engine stops; queued requests wait until <see cref="WakeUp"/>.</summary>
    public void Sleep()
    {
        lock (_gate)
        {
            if (State != PodState.Ready)
            {
                return;
            }

            _model.AdvanceTo(NowSeconds());
            State = PodState.Sleeping;
        }
    }

    public void WakeUp()
    {
        lock (_gate)
        {
            if (State != PodState.Sleeping)
            {
                return;
            }

            _model.SkipTo(NowSeconds());
            State = PodState.Ready;
        }
    }

    /// <summary>Gives the pod a request arriving now. False when the pod is not serving or the request is too long.</summary>
    public bool Submit(int promptTokens, int outputTokens) => Submit(promptTokens, outputTokens, _time.GetUtcNow());

    /// <summary>Gives the pod a request with an explicit arrival time (a trace's virtual time).</summary>
    public bool Submit(int promptTokens, int outputTokens, DateTimeOffset arrival)
    {
        lock (_gate)
        {
            if (State is not (PodState.Ready or PodState.Sleeping))
            {
                return false;
            }

            // Several drivers may feed one pod; the model needs arrivals in order.
            _lastArrival = Math.Max(_lastArrival, (arrival - _epoch).TotalSeconds);
            return _model.Submit(new RequestArrival(_nextId++, _lastArrival, promptTokens, outputTokens));
        }
    }

    /// <summary>Advances the model to now and returns its gauges and counters.</summary>
    public ReplicaMetrics Observe()
    {
        lock (_gate)
        {
            CatchUp();
            return _model.Snapshot();
        }
    }

    /// <summary>Waiting plus running requests now: what a least-loaded router compares.</summary>
    public int Load()
    {
        lock (_gate)
        {
            CatchUp();
            return _model.Waiting + _model.Running;
        }
    }

    /// <summary>The <c>/metrics</c> page as of now.</summary>
    public string RenderMetrics()
    {
        lock (_gate)
        {
            CatchUp();
            return VllmExposition.Format(_model.Snapshot(), _exposition, sleeping: State == PodState.Sleeping);
        }
    }

    private void CatchUp()
    {
        var now = NowSeconds();
        if (State == PodState.Sleeping)
        {
            _model.SkipTo(now);
        }
        else
        {
            _model.AdvanceTo(now);
        }
    }

    private async Task LoadAndListenAsync(CancellationToken cancellationToken)
    {
        if (Options.LoadDelay > TimeSpan.Zero)
        {
            await Task.Delay(Options.LoadDelay, _time, cancellationToken).ConfigureAwait(false);
        }

        if (State == PodState.Stopped)
        {
            return;
        }

        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (State == PodState.Stopped)
            {
                // Deleted while loading: it never listens.
                return;
            }

            _model.SkipTo(NowSeconds());
            _server.Add(this, _socket);
            State = PodState.Ready;
        }
    }

    private double NowSeconds() => (_time.GetUtcNow() - _epoch).TotalSeconds;
}
