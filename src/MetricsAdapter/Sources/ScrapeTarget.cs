using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Sources;

/// <summary>One endpoint to scrape: the pod that serves it, what kind it is, and its URL (from annotations or ports).</summary>
internal sealed record ScrapeTarget(ObjectKey Pod, TargetKind Kind, Uri Url);
