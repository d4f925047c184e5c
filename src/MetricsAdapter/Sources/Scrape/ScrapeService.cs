using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

namespace Autoscale.MetricsAdapter.Sources.Scrape;

/// <summary>
/// The scrape stage: one <see cref="TargetLoop"/> per target in <see cref="ScrapeTargets"/>, reconciled on every
/// change (new targets start at a random phase, removed ones stop and their values are cleared). New settings or a
/// new catalog (<see cref="Reconfigure"/>) restart every loop without clearing. The store is marked as reported once
/// every initial target has been tried once.
/// </summary>
internal sealed class ScrapeService : BackgroundService
{
    private readonly ScrapeTargets _targets;
    private readonly MetricStore _store;
    private readonly SourceHeartbeat _heartbeat;
    private readonly ScrapeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<ScrapeService> _logger;
    private readonly HttpScraper _http;
    private readonly Random _random;
    private readonly Dictionary<ScrapeTarget, Running> _running = [];
    private Configuration _config;
    private TaskCompletionSource _reconfigured = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ScrapeContext _context;

    public ScrapeService(
        ScrapeTargets targets,
        MetricStore store,
        SourceHeartbeat heartbeat,
        ScrapeMetrics metrics,
        ScrapeSettings settings,
        CatalogMapping mapping,
        TimeProvider time,
        ILogger<ScrapeService> logger,
        HttpMessageHandler? handler = null,
        Random? random = null)
    {
        _targets = targets;
        _store = store;
        _heartbeat = heartbeat;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _http = new HttpScraper(handler);
        _random = random ?? Random.Shared;
        _config = new Configuration(settings, mapping);
        _context = NewContext(settings);
    }

    /// <summary>Targets with a running loop (for tests and diagnostics).</summary>
    public IReadOnlyCollection<ScrapeTarget> ActiveTargets
    {
        get
        {
            lock (_running)
            {
                return [.. _running.Keys];
            }
        }
    }

    /// <summary>Applies new settings or a new catalog mapping (a config reload): every loop restarts with them.</summary>
    public void Reconfigure(ScrapeSettings settings, CatalogMapping mapping)
    {
        Volatile.Write(ref _config, new Configuration(settings, mapping));
        Interlocked.Exchange(ref _reconfigured, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public override void Dispose()
    {
        base.Dispose();
        _http.Dispose();
        _context.Slots.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var applied = Volatile.Read(ref _config);
        try
        {
            // Take the change signals before reading what they guard, so no change falls in between.
            var changed = _targets.Changed;
            var reconfigured = Volatile.Read(ref _reconfigured).Task;
            var firstRound = await ReconcileAsync(stoppingToken).ConfigureAwait(false);
            _ = MarkReportedAsync(firstRound, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await WaitAsync(changed, reconfigured, stoppingToken).ConfigureAwait(false);
                changed = _targets.Changed;
                reconfigured = Volatile.Read(ref _reconfigured).Task;
                var config = Volatile.Read(ref _config);
                if (!ReferenceEquals(config, applied))
                {
                    applied = config;
                    await RestartAllAsync(config.Settings).ConfigureAwait(false);
                }

                await ReconcileAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await StopAsync([.. _running.Keys], clear: false).ConfigureAwait(false);
        }
    }

    /// <returns>Completes when every started loop has tried once.</returns>
    private async Task<Task> ReconcileAsync(CancellationToken stoppingToken)
    {
        var wanted = _targets.Current;
        var removed = _running.Keys.Where(t => !wanted.Contains(t)).ToArray();
        await StopAsync(removed, clear: true).ConfigureAwait(false);
        var firsts = new List<Task>();
        int started = 0;
        foreach (var target in wanted)
        {
            if (!_running.ContainsKey(target))
            {
                firsts.Add(Start(target, stoppingToken));
                started++;
            }
        }

        if (started > 0 || removed.Length > 0)
        {
            ScrapeLog.Reconciled(_logger, wanted.Count, started, removed.Length);
        }

        UpdateTargetGauge();
        return Task.WhenAll(firsts);
    }

    private Task Start(ScrapeTarget target, CancellationToken stoppingToken)
    {
        var (settings, mapping) = Volatile.Read(ref _config);
        var loop = new TargetLoop(target, _context, settings, mapping);
        var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var phase = TimeSpan.FromTicks((long)(_random.NextDouble() * settings.Interval.Ticks));
        var task = Task.Run(() => RunLoopAsync(loop, phase, first, cts.Token), CancellationToken.None);
        lock (_running)
        {
            _running[target] = new Running(loop, cts, task);
        }

        return first.Task;
    }

    private async Task RunLoopAsync(TargetLoop loop, TimeSpan phase, TaskCompletionSource first, CancellationToken token)
    {
        try
        {
            await loop.RunAsync(phase, first, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ScrapeLog.LoopCrashed(_logger, e, loop.Target.Pod.Namespace, loop.Target.Pod.Name);
        }
    }

    private async Task StopAsync(ScrapeTarget[] targets, bool clear)
    {
        foreach (var target in targets)
        {
            Running running;
            lock (_running)
            {
                if (!_running.Remove(target, out running!))
                {
                    continue;
                }
            }

            await running.Cts.CancelAsync().ConfigureAwait(false);
            await running.Task.ConfigureAwait(false);
            running.Cts.Dispose();
            if (clear)
            {
                running.Loop.Clear();
            }
        }
    }

    private async Task RestartAllAsync(ScrapeSettings settings)
    {
        ScrapeLog.Reconfigured(_logger, _running.Count);
        await StopAsync([.. _running.Keys], clear: false).ConfigureAwait(false);
        var old = _context;
        _context = NewContext(settings);
        old.Slots.Dispose();
    }

    private async Task MarkReportedAsync(Task firstRound, CancellationToken stoppingToken)
    {
        await firstRound.WaitAsync(stoppingToken).ConfigureAwait(false);
        _store.MarkSourcesReported();
        _heartbeat.Tick(_time.GetUtcNow());
    }

    private async Task WaitAsync(Task changed, Task reconfigured, CancellationToken stoppingToken)
    {
        // With no targets there is no loop to tick the heartbeat: tick it here, once per interval.
        var interval = Volatile.Read(ref _config).Settings.Interval;
        while (true)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var tick = Task.Delay(interval, _time, cts.Token);
            var done = await Task.WhenAny(changed, reconfigured, tick).ConfigureAwait(false);
            if (done != tick)
            {
                await cts.CancelAsync().ConfigureAwait(false);
                return;
            }

            await tick.ConfigureAwait(false);
            if (_running.Count == 0)
            {
                _heartbeat.Tick(_time.GetUtcNow());
            }
        }
    }

    private ScrapeContext NewContext(ScrapeSettings settings) =>
        new(_store, _http, new SemaphoreSlim(settings.Concurrency, settings.Concurrency), _heartbeat, _metrics, _time, _logger);

    private void UpdateTargetGauge()
    {
        foreach (var kind in new[] { TargetKind.InferenceServer, TargetKind.GpuExporter })
        {
            _metrics.Targets.WithLabels(ScrapeMetrics.Label(kind)).Set(_running.Keys.Count(t => t.Kind == kind));
        }
    }

    private sealed record Configuration(ScrapeSettings Settings, CatalogMapping Mapping);

    private sealed record Running(TargetLoop Loop, CancellationTokenSource Cts, Task Task);
}
