using System.Globalization;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// How the emulated fleet is labelled and queried. Pod i of N carries, for each layout D (a number of Deployments),
/// the label <c>wD=d{i mod D}</c>, so one fleet serves every HPA count: an HPA of layout D selects its Deployment's
/// N/D pods with <see cref="Selector"/>.
/// </summary>
internal static class BenchFleet
{
    public const string Namespace = "bench";
    public const string ScrapeSelector = "app.kubernetes.io/name=vllm";
    public const string Metric = "vllm_queue_depth";

    public static string PodName(int i) => string.Create(CultureInfo.InvariantCulture, $"vllm-{i:D5}");

    public static string LayoutLabel(int layout) => "w" + layout.ToString(CultureInfo.InvariantCulture);

    public static string LayoutValue(int deployment) => "d" + deployment.ToString(CultureInfo.InvariantCulture);

    public static string Selector(int layout, int deployment) => LayoutLabel(layout) + "=" + LayoutValue(deployment);

    public static Dictionary<string, string> Labels(int pod, IReadOnlyList<int> layouts)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["app.kubernetes.io/name"] = "vllm" };
        foreach (var layout in layouts)
        {
            labels[LayoutLabel(layout)] = LayoutValue(pod % layout);
        }

        return labels;
    }

    /// <summary>The request path an HPA of layout D sends for its Deployment d.</summary>
    public static string Query(int layout, int deployment) =>
        $"/apis/custom.metrics.k8s.io/v1beta2/namespaces/{Namespace}/pods/*/{Metric}?labelSelector={Uri.EscapeDataString(Selector(layout, deployment))}";

    /// <summary>Pods in Deployment d of layout D over N pods (round-robin).</summary>
    public static int PodsIn(int pods, int layout, int deployment) => pods / layout + (deployment < pods % layout ? 1 : 0);
}
