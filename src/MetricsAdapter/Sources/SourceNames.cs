namespace Autoscale.MetricsAdapter.Sources;

/// <summary>The names under which sources write to the store (a pod's series are kept per source).</summary>
internal static class SourceNames
{
    public const string Pod = "pod";
    public const string GpuExporter = "gpu";
    public const string Prometheus = "prometheus";
    public const string Router = "router";
}
