using System.Net;
using System.Net.Sockets;
using Autoscale.VllmEmulator.Exposition;
using Autoscale.VllmEmulator.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Autoscale.VllmEmulator.Server;

/// <summary>
/// One emulated vLLM pod: a <see cref="ReplicaModel"/> behind a minimal loopback Kestrel serving <c>/metrics</c>,
/// <c>/health</c>, <c>/v1/models</c> and the sleep-mode endpoints. The model advances to the TimeProvider's time
/// whenever it is observed (a scrape, a submit), so values move as time passes. Thread-safe.
/// </summary>
public sealed class EmulatedVllmPod : IAsyncDisposable
{
    private const int BindAttempts = 3;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _epoch;
    private readonly ReplicaModel _model;
    private readonly ExpositionOptions _exposition;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private double _lastArrival;
    private long _nextId;

    public EmulatedVllmPod(PodOptions options, TimeProvider timeProvider, DateTimeOffset? epoch = null)
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
        Port = LoopbackPort.Reserve();
    }

    public PodOptions Options { get; }

    public string Name => Options.Name;

    public string Namespace => Options.Namespace;

    public IReadOnlyDictionary<string, string> Labels => Options.Labels;

    public ReplicaProfile Profile => Options.Profile;

    public string ServedModelName => _exposition.ModelName;

    /// <summary>The loopback port, known before the server listens; it changes only if binding it failed.</summary>
    public int Port { get; private set; }

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
        State = PodState.Stopped;
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
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
            // Deleted while loading: it never listens.
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            var app = BuildApp(Port);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                _app = app;
                break;
            }
            catch (IOException e) when (attempt < BindAttempts && e.InnerException is SocketException)
            {
                // Another process took the reserved port between reservation and bind: take a new one.
                await app.DisposeAsync().ConfigureAwait(false);
                Port = LoopbackPort.Reserve();
            }
        }

        lock (_gate)
        {
            _model.SkipTo(NowSeconds());
            State = PodState.Ready;
        }
    }

    private double NowSeconds() => (_time.GetUtcNow() - _epoch).TotalSeconds;

    private WebApplication BuildApp(int port)
    {
        // The empty builder has no logging, configuration sources or routing: a few hundred of these fit in one process.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.Run(context => PodEndpoints.HandleAsync(this, context));
        return app;
    }
}
