using System.Globalization;
using Autoscale.MetricsAdapter.Sources.Prometheus.Client;
using Autoscale.MetricsAdapter.Sources.Scrape;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Sources.Router;

/// <summary>
/// Scrapes one router on its own <see cref="PeriodicTimer"/> with the pods' hardened scraper (page limit, timeout,
/// garbage refused) and turns each page into its models' values on their scale targets: the pending count as read,
/// the requests per second from the counter's increase over the last <see cref="ScrapeSettings.LatencyWindow"/>
/// (60 s by default; shorter until that much history exists; a counter that went down is a restarted router, counted
/// from zero, as Prometheus' <c>rate</c> does). The window is what lets one request at zero replicas keep KEDA's
/// IsActive true for longer than its polling interval. A failed scrape keeps the last good values, which age out by
/// their own timestamp; after <see cref="ScrapeSettings.ClearAfterFailures"/> failures in a row they say why they are gone.
/// </summary>
internal sealed class RouterLoop
{
    private readonly RouterEndpoint _router;
    private readonly HttpScraper _http;
    private readonly ScrapeSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RouterPage _page;
    private readonly string _source;
    private readonly BearerTokenFile? _token;
    private readonly List<(double[] Totals, DateTimeOffset At)> _pages = [];
    private IReadOnlyList<ObjectValue> _values;
    private int _failures;

    private readonly RouterMetrics? _metrics;

    public RouterLoop(RouterEndpoint router, HttpScraper http, ScrapeSettings settings, TimeProvider time, ILogger logger, RouterMetrics? metrics = null)
    {
        _metrics = metrics;
        _router = router;
        _http = http;
        _settings = settings;
        _time = time;
        _logger = logger;
        _page = new RouterPage(router.Kind, [.. router.Models.Select(m => m.Model)], settings.MaxPageBytes);
        _source = $"router {router.Name} ({router.Url})";
        _token = router.BearerTokenFile is { } file ? new BearerTokenFile(file, time) : null;
        _values = Missing("has not been read yet");
    }

    public RouterEndpoint Router => _router;

    /// <summary>The values of the last scrape, one per model and served metric.</summary>
    public IReadOnlyList<ObjectValue> Values => Volatile.Read(ref _values);

    public async Task RunAsync(Action changed, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(_settings.Interval, _time);
            do
            {
                await ScrapeOnceAsync(cancellationToken).ConfigureAwait(false);
                changed();
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    internal async Task ScrapeOnceAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_settings.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        FetchedPage page = default;
        string? token;
        try
        {
            token = _token?.Token;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail($"token: cannot read {_router.BearerTokenFile}: {e.Message}");
            return;
        }

        try
        {
            page = await _http.FetchAsync(_router.Url, _settings.MaxPageBytes, linked.Token, token).ConfigureAwait(false);
            if (page.Error != ScrapeErrorKind.None)
            {
                Fail($"{ScrapeMetrics.Label(page.Error)}: {page.Detail}");
                return;
            }

            var at = _time.GetUtcNow();
            var reading = _page.Read(page.Span, page.Format);
            if (reading.Error is { } error)
            {
                Fail($"parse: {error}");
                return;
            }

            Succeed(reading, at);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Fail($"timeout: no page within {_settings.Timeout.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms");
        }
        finally
        {
            page.Dispose();
        }
    }

    private void Succeed(RouterReading reading, DateTimeOffset at)
    {
        _metrics?.Succeeded(_router.Name, at);
        if (_failures > 0)
        {
            RouterLog.Recovered(_logger, _router.Name, _failures);
            _failures = 0;
        }

        var values = new List<ObjectValue>(_router.Models.Count * 2);
        for (var m = 0; m < _router.Models.Count; m++)
        {
            var model = _router.Models[m];
            if (reading.Pending[m] is { } pending)
            {
                values.Add(Value(model, RouterSeries.PendingRequests, new Sample(pending, at), null));
            }

            if (_pages.Count > 0 && at > _pages[0].At)
            {
                values.Add(Value(model, RouterSeries.RequestsPerSecond, new Sample(Increase(m, reading.RequestsTotal[m]) / (at - _pages[0].At).TotalSeconds, at), null));
            }
            else
            {
                values.Add(Value(model, RouterSeries.RequestsPerSecond, null, "has no rate yet: it needs a second page"));
            }
        }

        Remember(reading.RequestsTotal, at);
        Volatile.Write(ref _values, values);
    }

    /// <summary>The counter's increase from the window's first page to <paramref name="total"/>, resets counted from zero.</summary>
    private double Increase(int model, double total)
    {
        var increase = 0.0;
        for (var i = 0; i < _pages.Count; i++)
        {
            var before = _pages[i].Totals[model];
            var after = i + 1 < _pages.Count ? _pages[i + 1].Totals[model] : total;
            increase += after >= before ? after - before : after;
        }

        return increase;
    }

    /// <summary>Keeps the pages of the window: from the newest one at least a window old (the rate's base) on.</summary>
    private void Remember(double[] totals, DateTimeOffset at)
    {
        _pages.Add((totals, at));
        var cutoff = at - _settings.LatencyWindow;
        while (_pages.Count > 1 && _pages[1].At <= cutoff)
        {
            _pages.RemoveAt(0);
        }
    }

    private void Fail(string detail)
    {
        _failures++;
        _metrics?.Failed(_router.Name);
        if (_failures == 1)
        {
            RouterLog.Failed(_logger, _router.Name, _router.Url, detail);
        }
        else
        {
            RouterLog.StillFailing(_logger, _router.Name, _failures, detail);
        }

        // The last good values stay until they are stale or the failures reach the limit; before the first good
        // page there are none to keep.
        if (_failures >= _settings.ClearAfterFailures || _pages.Count == 0)
        {
            Volatile.Write(ref _values, Missing($"is failing: {detail} ({_failures} failed scrapes in a row)"));
        }
    }

    private List<ObjectValue> Missing(string why)
    {
        var values = new List<ObjectValue>(_router.Models.Count * 2);
        foreach (var model in _router.Models)
        {
            if (_page.HasPending)
            {
                values.Add(Value(model, RouterSeries.PendingRequests, null, why));
            }

            values.Add(Value(model, RouterSeries.RequestsPerSecond, null, why));
        }

        return values;
    }

    private ObjectValue Value(RouterModel model, string metric, Sample? sample, string? missing) =>
        new(model.Resource, model.Target, metric, sample, $"{_source} model {model.Model}", missing);
}
