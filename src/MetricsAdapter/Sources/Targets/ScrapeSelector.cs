namespace Autoscale.MetricsAdapter.Sources.Targets;

/// <summary>Extra pods to scrape: those matching <see cref="LabelSelector"/> in <see cref="Namespace"/> (null: any).</summary>
internal sealed record ScrapeSelector(string? Namespace, string LabelSelector);
