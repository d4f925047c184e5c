using Autoscale.MetricsAdapter.Sources.Scrape;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Sources.Router;

/// <summary>
/// The router stage: one <see cref="RouterLoop"/> per configured router, publishing every model's values as object
/// values on its scale target (store source <see cref="SourceNames.Router"/>), which exist whatever the target's
/// replica count: the demand signal at zero replicas. When several routers map a model to the same target (router
/// replicas, or a production-stack router and an EPP), their values add up; while one of them has none, the sum is
/// not served (it would read low) and says why.
/// </summary>
internal sealed class RouterService(
    IReadOnlyList<RouterEndpoint> routers,
    MetricStore store,
    ScrapeSettings settings,
    TimeProvider time,
    ILogger<RouterService> logger,
    RouterMetrics? metrics = null,
    HttpMessageHandler? handler = null) : BackgroundService
{
    private readonly HttpScraper _http = new(handler);
    private readonly Lock _publishLock = new();
    private RouterLoop[] _loops = [];

    public override void Dispose()
    {
        base.Dispose();
        _http.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _loops = [.. routers.Select(r => new RouterLoop(r, _http, settings, time, logger, metrics))];
        Publish();
        if (_loops.Length == 0)
        {
            return;
        }

        RouterLog.Started(logger, _loops.Length);
        try
        {
            await Task.WhenAll(_loops.Select(loop => RunLoopAsync(loop, stoppingToken))).ConfigureAwait(false);
        }
        finally
        {
            // Stopped (a reload without routers, or shutdown): nothing is served from values no one refreshes.
            store.ReplaceObjectValues(SourceNames.Router, []);
            foreach (var loop in _loops)
            {
                metrics?.Forget(loop.Router.Name);
            }
        }
    }

    private async Task RunLoopAsync(RouterLoop loop, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Run(() => loop.RunAsync(Publish, stoppingToken), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            RouterLog.LoopCrashed(logger, e, loop.Router.Name);
        }
    }

    private void Publish()
    {
        lock (_publishLock)
        {
            store.ReplaceObjectValues(SourceNames.Router, Combine(_loops.SelectMany(l => l.Values)));
        }
    }

    /// <summary>One value per target and metric: the sum of every router's, stamped with the oldest, or the first reason one is missing.</summary>
    internal static IReadOnlyList<ObjectValue> Combine(IEnumerable<ObjectValue> values)
    {
        var result = new List<ObjectValue>();
        foreach (var group in values.GroupBy(v => (v.Resource, v.Object.Namespace, v.Object.Name, v.Metric)))
        {
            var all = group.ToList();
            if (all.Count == 1)
            {
                result.Add(all[0]);
                continue;
            }

            var source = string.Join(" + ", all.Select(v => v.Source));
            if (all.Find(v => v.Sample is null) is { } missing)
            {
                result.Add(missing with { Source = source, Missing = $"(summed; {missing.Source} {missing.Missing})" });
                continue;
            }

            var sum = all.Sum(v => v.Sample.GetValueOrDefault().Value);
            var oldest = all.Min(v => v.Sample.GetValueOrDefault().Timestamp);
            result.Add(all[0] with { Sample = new Sample(sum, oldest), Source = source });
        }

        return result;
    }
}
