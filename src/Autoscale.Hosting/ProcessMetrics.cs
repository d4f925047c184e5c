using Prometheus;

namespace Autoscale.Hosting;

/// <summary>
/// The metrics every Kubernetes component has besides its own: <c>*_build_info</c> and process/.NET runtime metrics.
/// The program serves a custom registry (one per instance, so two instances in a test process do not share series),
/// and prometheus-net adds its default collectors only to its static default registry: they are added here.
/// </summary>
public static class ProcessMetrics
{
    /// <summary>
    /// Adds the gauge <paramref name="buildInfoName"/> (always 1; labels version, commit, dotnet_version) and prometheus-net's
    /// DotNetStats (process_cpu_seconds_total, process_working_set_bytes, process_start_time_seconds,
    /// dotnet_collection_count_total, dotnet_total_memory_bytes, …) to <paramref name="registry"/>.
    /// </summary>
    public static void Register(CollectorRegistry registry, string buildInfoName, BuildInfo build)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(build);
        Metrics.WithCustomRegistry(registry)
            .CreateGauge(buildInfoName, "Always 1: the version and commit of this build and the .NET runtime it runs on.", new GaugeConfiguration { LabelNames = ["version", "commit", "dotnet_version"] })
            .WithLabels(build.Version, build.Commit, build.Runtime)
            .Set(1);
        DotNetStats.Register(registry);
    }
}
