using Prometheus;

namespace Autoscale.MetricsAdapter.Sources.Scrape;

/// <summary>The scrape stage's self-metrics, on the adapter's registry; labels are bounded enums.</summary>
internal sealed class ScrapeMetrics
{
    private readonly Counter _errors;
    private readonly Counter _duplicates;

    public ScrapeMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _errors = factory.CreateCounter(
            "autoscale_adapter_scrape_errors_total",
            "Failed scrapes by kind (refused, timeout, http, parse, too_large, too_many_series, network).",
            new CounterConfiguration { LabelNames = ["kind"] });
        _duplicates = factory.CreateCounter(
            "autoscale_adapter_scrape_duplicate_samples_total",
            "Samples dropped because the same series came earlier on the page (the first is kept, as Prometheus does).");
        Duration = factory.CreateHistogram(
            "autoscale_adapter_scrape_duration_seconds",
            "Time of one scrape (wait for a slot, request, read, parse, map, store), successful or not.",
            new HistogramConfiguration { Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        Targets = factory.CreateGauge(
            "autoscale_adapter_scrape_targets",
            "Targets being scraped by kind (inference_server, gpu_exporter).",
            new GaugeConfiguration { LabelNames = ["kind"] });
    }

    public Histogram Duration { get; }

    public Gauge Targets { get; }

    public void CountError(ScrapeErrorKind kind) => _errors.WithLabels(Label(kind)).Inc();

    public void CountDuplicates(int samples) => _duplicates.Inc(samples);

    public static string Label(ScrapeErrorKind kind) => kind switch
    {
        ScrapeErrorKind.Refused => "refused",
        ScrapeErrorKind.Timeout => "timeout",
        ScrapeErrorKind.Http => "http",
        ScrapeErrorKind.Parse => "parse",
        ScrapeErrorKind.TooLarge => "too_large",
        ScrapeErrorKind.TooManySeries => "too_many_series",
        _ => "network",
    };

    public static string Label(TargetKind kind) => kind == TargetKind.GpuExporter ? "gpu_exporter" : "inference_server";
}
