using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Sources.Scrape;

using Autoscale.MetricsAdapter.Sources.Prometheus;
using Autoscale.MetricsAdapter.Sources.Router;
using Autoscale.MetricsAdapter.Sources.Definitions;
using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

namespace Autoscale.MetricsAdapter.Config;

/// <summary>
/// One validated config file, immutable; a reload swaps the whole record. Derived objects (catalog, mapping, serving
/// policy) are built once here, so a reload either yields all of them or none.
/// </summary>
/// <param name="Scrape">For <see cref="ScrapeService"/>.</param>
/// <param name="Discovery">For the discovery stage.</param>
/// <param name="Serving">For <see cref="CatalogMetricsProvider"/>: <c>scrape.staleAfter</c> and <c>serving.notReadyPods</c>.</param>
/// <param name="Catalog">The built-in catalog with the file's overrides applied.</param>
/// <param name="Mapping">The catalog's scrape mapping (wanted families, histogram window, page limit).</param>
/// <param name="PrometheusYaml">The <c>prometheus:</c> section as YAML text, unparsed here; null when absent.</param>
internal sealed record AdapterConfig(
    ScrapeSettings Scrape,
    DiscoverySettings Discovery,
    ServingPolicy Serving,
    MetricCatalog Catalog,
    CatalogMapping Mapping,
    string? PrometheusYaml)
{
    /// <summary>The parsed <c>prometheus:</c> section: when set, Prometheus is the source instead of scraping pods.</summary>
    public PrometheusSourceOptions? Prometheus { get; init; }

    /// <summary>The routers in front of the models (<c>routers:</c>), whose demand is served on each model's scale target.</summary>
    public IReadOnlyList<RouterEndpoint> Routers { get; init; } = [];

    /// <summary>The configuration of an empty file.</summary>
    public static AdapterConfig Default { get; } = AdapterConfigParser.Parse("");
}
