using System.Globalization;
using Autoscale.MetricsAdapter.Sources.Scrape;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Sources.Router;

/// <summary>
/// Scrapes one router on its own <see cref="PeriodicTimer"/> with the pods' hardened scraper (page limit, timeout,
/// garbage refused) and turns each page into its models' values on their scale targets: the pending count as read,
/// the requests per second from the counter's change since the previous good page (a counter that went down is a
/// restarted router, counted from zero). A failed scrape keeps the last good values, which age out by their own
/// timestamp; after <see cref="ScrapeSettings.ClearAfterFailures"/> failures in a row they say why they are gone.
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
    private (double[] Totals, DateTimeOffset At)? _previous;
    private IReadOnlyList<ObjectValue> _values;
    private int _failures;

    public RouterLoop(RouterEndpoint router, HttpScraper http, ScrapeSettings settings, TimeProvider time, ILogger logger)
    {
        _router = router;
        _http = http;
        _settings = settings;
        _time = time;
        _logger = logger;
        _page = new RouterPage(router.Kind, [.. router.Models.Select(m => m.Model)], settings.MaxPageBytes);
        _source = $"router {router.Name} ({router.Url})";
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
        try
        {
            page = await _http.FetchAsync(_router.Url, _settings.MaxPageBytes, linked.Token).ConfigureAwait(false);
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

            if (_previous is { } previous && at > previous.At)
            {
                var total = reading.RequestsTotal[m];
                var before = previous.Totals[m];
                var delta = total >= before ? total - before : total;
                values.Add(Value(model, RouterSeries.RequestsPerSecond, new Sample(delta / (at - previous.At).TotalSeconds, at), null));
            }
            else
            {
                values.Add(Value(model, RouterSeries.RequestsPerSecond, null, "has no rate yet: it needs a second page"));
            }
        }

        _previous = (reading.RequestsTotal, at);
        Volatile.Write(ref _values, values);
    }

    private void Fail(string detail)
    {
        _failures++;
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
        if (_failures >= _settings.ClearAfterFailures || _previous is null)
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
