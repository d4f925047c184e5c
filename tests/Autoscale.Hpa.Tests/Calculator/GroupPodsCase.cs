using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Pods;

namespace Autoscale.Hpa.Tests.Calculator;

/// <summary>One row of upstream's TestGroupPods table.</summary>
internal sealed record GroupPodsCase(
    HpaPod[] Pods,
    Dictionary<string, PodMetric> Metrics,
    string Resource,
    int ExpectReadyPodCount,
    string[] ExpectUnreadyPods,
    string[] ExpectMissingPods,
    string[] ExpectIgnoredPods);
