namespace Autoscale.Kubectl.Status;

/// <summary>The problems a report shows, most fundamental first, each with its section of docs/troubleshooting.md.</summary>
internal static class Diagnosis
{
    /// <summary>Samples older than this are stale for an HPA that syncs every 15 s.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(90);

    /// <param name="listed">The adapter's discovery (<c>pods/vllm_queue_depth</c>, …); null when it could not be read.</param>
    public static IReadOnlyList<Problem> Of(StatusReport report, int selectedPods, IReadOnlySet<string>? listed)
    {
        var problems = new List<Problem>();
        var unavailable = report.ApiServices.FirstOrDefault(s => s.Name.StartsWith("v1beta2.", StringComparison.Ordinal) && !s.Available);
        if (unavailable is not null)
        {
            problems.Add(new Problem($"APIService {unavailable.Name} is not Available ({unavailable.Reason}): {unavailable.Message}", "apiservice-not-available"));
        }

        foreach (var metric in report.Metrics.Where(m => m.ErrorCode is not null and not 200))
        {
            var loading = metric.LeftOut.Count(p => p.Reason.StartsWith("not Ready", StringComparison.Ordinal) || p.Reason.StartsWith("Pending", StringComparison.Ordinal));
            problems.Add(metric.ErrorCode switch
            {
                403 => new Problem($"{metric.Name}: Forbidden: {metric.Error}", "rbac-403"),
                503 or 0 when unavailable is not null => new Problem($"{metric.Name}: unreadable while the APIService is not Available ({metric.Error})", "apiservice-not-available"),
                503 or 0 => new Problem($"{metric.Name}: the metrics API is unavailable: {metric.Error}", "apiservice-not-available"),
                404 when listed is not null && !listed.Contains(Resource(metric)) => new Problem(
                    $"{metric.Name}: NotFound: the adapter does not serve {metric.Name} at all (not in its discovery: a typo, or a metric its config does not define): {metric.Error}", "metric-notfound"),
                404 when selectedPods > 0 && loading == selectedPods => new Problem(
                    $"{metric.Name}: every selected pod ({selectedPods}) is still loading or pending; the adapter leaves pods that are not capacity out, so there is no value yet", "pods-loading"),
                404 when selectedPods > 0 && metric.LeftOut.Count == selectedPods => new Problem(
                    $"{metric.Name}: no selected pod has a fresh sample ({metric.Error})", "stale-samples"),
                _ => new Problem($"{metric.Name}: NotFound: {metric.Error}", "metric-notfound"),
            });
        }

        foreach (var metric in report.Metrics.Where(m => m.ErrorCode == 200))
        {
            if (metric.Served.Where(s => s.Age > StaleAfter).ToList() is { Count: > 0 } old)
            {
                problems.Add(new Problem($"{metric.Name}: {old.Count} sample(s) older than {StatusReader.Age(StaleAfter)} (oldest {StatusReader.Age(old.Max(s => s.Age))})", "stale-samples"));
            }

            if (metric.LeftOut.Count(p => p.Reason.StartsWith("Ready", StringComparison.Ordinal)) is var noSample and > 0)
            {
                problems.Add(new Problem($"{metric.Name}: {noSample} Ready pod(s) have no fresh sample", "stale-samples"));
            }
        }

        // The condition is a consequence; named on its own only when nothing above explains it.
        if (problems.Count == 0 && report.Conditions.FirstOrDefault(c => c.Type == "ScalingActive") is { Status: "False" } inactive)
        {
            problems.Add(new Problem($"the HPA is not scaling: ScalingActive=False ({inactive.Reason}): {inactive.Message}",
                inactive.Reason == "FailedGetPodsMetric" ? "failedgetpodsmetric" : "metric-notfound"));
        }

        return problems;
    }

    private static string Resource(MetricReport metric) =>
        metric.Source == "Pods" ? $"pods/{metric.Name}" : $"{metric.Source.Split(' ', '/')[1].ToLowerInvariant()}s.apps/{metric.Name}";
}
