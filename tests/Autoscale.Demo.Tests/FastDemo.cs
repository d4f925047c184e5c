using Microsoft.Extensions.Logging;

namespace Autoscale.Demo;

/// <summary>
/// The demo on test timings (pods Ready about 3.5 s after creation, free ports, quiet logs), for the demo's tests and
/// the kubectl plugin's (linked into tests/KubectlAutoscale.Tests).
/// </summary>
internal static class FastDemo
{
    public static DemoOptions Options(string directory) => new()
    {
        Directory = Path.Combine(directory, ".demo"),
        AdapterPort = 0,
        AdapterMetricsPort = -1,
        KedaScalerPort = 0,
        Scheduling = TimeSpan.FromMilliseconds(500),
        ImagePull = TimeSpan.FromSeconds(1),
        ModelLoad = TimeSpan.FromSeconds(2),
        HpaSyncPeriod = TimeSpan.FromSeconds(1),
        ControllerInterval = TimeSpan.FromMilliseconds(500),
        ScrapeInterval = TimeSpan.FromMilliseconds(500),
        LatencyWindow = TimeSpan.FromSeconds(3),
        KubeletInterval = TimeSpan.FromMilliseconds(200),
        LogLevel = LogLevel.Error,
    };
}
