using System.Diagnostics;
using Autoscale.MetricsAdapter.Sources.Exposition;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

namespace Autoscale.MetricsAdapter.Sources.Scrape;

/// <summary>
/// Scrapes one target on its own <see cref="PeriodicTimer"/> (random first phase), so a slow or dead target delays
/// nobody else. A failed scrape keeps the last good values (they go stale by themselves); after
/// <see cref="ScrapeSettings.ClearAfterFailures"/> failures in a row they are cleared.
/// </summary>
internal sealed class TargetLoop(ScrapeTarget target, ScrapeContext context, ScrapeSettings settings, CatalogMapping mapping)
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);

    private readonly PageMapper _mapper = new(mapping, target.Kind);
    private readonly HashSet<ObjectKey> _written = [];
    private int _failures;
    private DateTimeOffset _lastWarning = DateTimeOffset.MinValue;
    private DateTimeOffset _lastDuplicateWarning = DateTimeOffset.MinValue;

    public ScrapeTarget Target => target;

    private string Source => target.Kind == TargetKind.GpuExporter ? SourceNames.GpuExporter : SourceNames.Pod;

    /// <param name="firstRound">Completed after the first scrape, good or bad.</param>
    public async Task RunAsync(TimeSpan phase, TaskCompletionSource firstRound, CancellationToken cancellationToken)
    {
        try
        {
            if (phase > TimeSpan.Zero)
            {
                await Task.Delay(phase, context.Time, cancellationToken).ConfigureAwait(false);
            }

            using var timer = new PeriodicTimer(settings.Interval, context.Time);
            do
            {
                await ScrapeOnceAsync(cancellationToken).ConfigureAwait(false);
                firstRound.TrySetResult();
                context.Heartbeat.Tick(context.Time.GetUtcNow());
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            firstRound.TrySetResult();
        }
    }

    /// <summary>Forgets every value this target wrote (it is no longer a target).</summary>
    public void Clear()
    {
        context.Store.Clear(target.Pod, Source);
        foreach (var pod in _written)
        {
            context.Store.Clear(pod, Source);
        }

        _written.Clear();
    }

    internal async Task ScrapeOnceAsync(CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(settings.Timeout, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        FetchedPage page = default;
        bool slot = false;
        try
        {
            await context.Slots.WaitAsync(linked.Token).ConfigureAwait(false);
            slot = true;
            page = await context.Http.FetchAsync(target.Url, settings.MaxPageBytes, linked.Token).ConfigureAwait(false);
            if (page.Error != ScrapeErrorKind.None)
            {
                Fail(page.Error, page.Detail ?? "");
                return;
            }

            // The page shows the server's state when it answered: that is the sample time.
            DateTimeOffset at = context.Time.GetUtcNow();
            ExpositionResult result = _mapper.Map(page.Span, page.Format, target.Pod, at, out var pods);
            if (!result.IsOk)
            {
                Fail(ScrapeErrorKind.Parse, result.ToString());
                return;
            }

            PageStats stats = _mapper.LastPage;
            if (stats.SeriesLimitReached)
            {
                Fail(ScrapeErrorKind.TooManySeries, $"the page yields more than {PageMapper.MaxSeriesPerPage} series; none kept");
                return;
            }

            if (stats.Duplicates > 0)
            {
                ReportDuplicates(stats.Duplicates);
            }

            Write(pods);
            Succeed();
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Fail(ScrapeErrorKind.Timeout, $"no page within {settings.Timeout.TotalMilliseconds:0} ms");
        }
        finally
        {
            page.Dispose();
            if (slot)
            {
                context.Slots.Release();
            }

            context.Metrics.Duration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private void Write(IReadOnlyList<MappedPod> pods)
    {
        if (target.Kind == TargetKind.InferenceServer)
        {
            foreach (var pod in pods)
            {
                context.Store.Record(pod.Pod, Source, pod.Series);
            }

            return;
        }

        // A GPU exporter names every pod on its node: keep those the inventory knows; clear those that left the page.
        var snapshot = context.Store.Current;
        var seen = new HashSet<ObjectKey>();
        foreach (var pod in pods)
        {
            if (snapshot.Namespace(pod.Pod.Namespace)?.PodsByName.ContainsKey(pod.Pod.Name) == true)
            {
                context.Store.Record(pod.Pod, Source, pod.Series);
                seen.Add(pod.Pod);
            }
        }

        foreach (var gone in _written)
        {
            if (!seen.Contains(gone))
            {
                context.Store.Clear(gone, Source);
            }
        }

        _written.Clear();
        _written.UnionWith(seen);
    }

    private void Succeed()
    {
        if (_failures > 0)
        {
            ScrapeLog.Recovered(context.Logger, target.Pod.Namespace, target.Pod.Name, _failures);
            _failures = 0;
            _lastWarning = DateTimeOffset.MinValue;
        }
    }

    private void ReportDuplicates(int samples)
    {
        context.Metrics.CountDuplicates(samples);
        DateTimeOffset now = context.Time.GetUtcNow();
        if (now - _lastDuplicateWarning >= LogEvery)
        {
            _lastDuplicateWarning = now;
            ScrapeLog.Duplicates(context.Logger, target.Pod.Namespace, target.Pod.Name, target.Url, samples);
        }
        else
        {
            ScrapeLog.DuplicatesAgain(context.Logger, target.Pod.Namespace, target.Pod.Name, samples);
        }
    }

    private void Fail(ScrapeErrorKind kind, string detail)
    {
        _failures++;
        context.Metrics.CountError(kind);
        string label = ScrapeMetrics.Label(kind);
        DateTimeOffset now = context.Time.GetUtcNow();
        if (now - _lastWarning >= LogEvery)
        {
            _lastWarning = now;
            ScrapeLog.Failed(context.Logger, target.Pod.Namespace, target.Pod.Name, target.Url, label, detail);
        }
        else
        {
            ScrapeLog.StillFailing(context.Logger, target.Pod.Namespace, target.Pod.Name, _failures, label, detail);
        }

        if (_failures == settings.ClearAfterFailures)
        {
            Clear();
            ScrapeLog.Cleared(context.Logger, target.Pod.Namespace, target.Pod.Name, _failures);
        }
    }
}
