using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Autoscale.Kubernetes;
using Autoscale.Kubernetes.CustomMetrics;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Autoscale.Kubectl.Status;

/// <summary>
/// Reads, with the user's own credentials and as the HPA controller would: the HPA, its target's /scale and selected
/// pods, the custom.metrics.k8s.io APIServices, each metric through the aggregated API, and the Events on the HPA.
/// Every read is a GET or a list; nothing is written.
/// </summary>
internal sealed class StatusReader(k8s.Kubernetes client, TimeProvider time)
{
    private readonly CustomMetricsReader _reader = new(client);

    public const string ControllerComponent = "autoscale-scale-controller";
    public const string HpaControllerComponent = "horizontal-pod-autoscaler";

    public async Task<StatusReport> ReadAsync(string ns, string name, CancellationToken cancellationToken)
    {
        V2HorizontalPodAutoscaler hpa;
        try
        {
            hpa = await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException ex)
        {
            throw new StatusException(ex.Response.StatusCode == HttpStatusCode.NotFound
                ? $"horizontalpodautoscalers.autoscaling \"{name}\" not found in namespace \"{ns}\""
                : $"cannot read HPA {ns}/{name}: {Message(ex.Response.Content) ?? ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new StatusException($"cannot reach the cluster: {ex.Message}", ex);
        }

        var now = time.GetUtcNow();
        var target = hpa.Spec.ScaleTargetRef;
        var scale = await GetAsync(ScalePath(ns, target), cancellationToken);
        var selector = scale.Body?["status"]?["selector"]?.GetValue<string>();
        var pods = selector is null ? [] : (await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).Items
            .Where(p => p.Metadata.Labels?.ContainsKey("autoscale.dev/placeholder") != true).ToList();
        var apiServices = new List<ApiServiceState>();
        foreach (var version in new[] { "v1beta2", "v1beta1" })
        {
            apiServices.Add(await ApiServiceAsync($"{version}.{CustomMetricsPaths.Group}", cancellationToken));
        }

        var metrics = new List<MetricReport>();
        foreach (var metric in hpa.Spec.Metrics ?? [])
        {
            metrics.Add(await MetricAsync(ns, metric, selector, pods, now, cancellationToken));
        }

        // What the adapter says it serves at all: a metric missing here is a name it does not know (a typo, or not in its config).
        var discovery = await GetAsync($"/apis/{CustomMetricsPaths.Group}/{CustomMetricsPaths.Version}", cancellationToken);
        var listed = (discovery.Body?["resources"] as JsonArray)?.Select(r => r?["name"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);

        var events = (await client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: $"involvedObject.name={name},involvedObject.kind=HorizontalPodAutoscaler", cancellationToken: cancellationToken)).Items
            .OrderByDescending(e => e.LastTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp).ToList();
        EventLine Line(Corev1Event e) => new(now - Utc(e.LastTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp), e.Type ?? "", e.Reason ?? "", e.Message ?? "", e.Count ?? 1);
        var report = new StatusReport(
            ns,
            name,
            $"{target.Kind}/{target.Name}",
            selector,
            hpa.Status?.CurrentReplicas,
            hpa.Status?.DesiredReplicas,
            hpa.Spec.MinReplicas ?? 1,
            hpa.Spec.MaxReplicas,
            apiServices,
            metrics,
            [.. (hpa.Status?.Conditions ?? []).Select(c => new ConditionLine(c.Type, c.Status, c.Reason ?? "", c.Message ?? ""))],
            Behavior(hpa.Spec.Behavior),
            [.. events.Where(e => Component(e) == ControllerComponent).Take(3).Select(Line)],
            [.. events.Where(e => Component(e) == HpaControllerComponent).Take(3).Select(Line)],
            [.. (hpa.Metadata.Annotations ?? new Dictionary<string, string>()).Where(a => a.Key.StartsWith("autoscale.dev/", StringComparison.Ordinal))
                .OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, Summarize(a.Key, a.Value)))],
            []);
        return report with { Problems = Diagnosis.Of(report, pods.Count, listed) };
    }

    private async Task<ApiServiceState> ApiServiceAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var service = await client.ApiregistrationV1.ReadAPIServiceAsync(name, cancellationToken: cancellationToken);
            var available = service.Status?.Conditions?.FirstOrDefault(c => c.Type == "Available");
            var backend = service.Spec.Service is { } s ? $"{s.NamespaceProperty}/{s.Name}" : "Local";
            return new ApiServiceState(name, backend, available?.Status == "True", available?.Reason ?? "Unknown", available?.Message ?? "no Available condition yet");
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return new ApiServiceState(name, "-", false, "NotRegistered", $"apiservices.apiregistration.k8s.io \"{name}\" not found");
        }
        catch (HttpOperationException ex)
        {
            return new ApiServiceState(name, "?", false, "Unreadable", Message(ex.Response.Content) ?? ex.Message);
        }
    }

    private async Task<MetricReport> MetricAsync(string ns, V2MetricSpec metric, string? selector, IReadOnlyList<V1Pod> pods, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string path;
        string source;
        V2MetricIdentifier id;
        V2MetricTarget target;
        switch (metric.Type)
        {
            case "Pods":
                (id, target, source) = (metric.Pods.Metric, metric.Pods.Target, "Pods");
                path = CustomMetricsPaths.Pods(ns, id.Name, selector ?? "", SelectorText(id.Selector));
                break;
            case "Object":
                var described = metric.ObjectProperty.DescribedObject;
                (id, target, source) = (metric.ObjectProperty.Metric, metric.ObjectProperty.Target, $"Object {described.Kind}/{described.Name}");
                path = CustomMetricsPaths.Object(ns, CustomMetricsPaths.Resource(described.Kind, described.ApiVersion), described.Name, id.Name, SelectorText(id.Selector));
                break;
            default:
                var other = metric.Resource?.Name ?? metric.ContainerResource?.Name ?? metric.External?.Metric?.Name ?? metric.Type;
                return new MetricReport(other, metric.Type, "", [], null, $"not a custom metric ({metric.Type} metrics come from metrics.k8s.io or external.metrics.k8s.io)", []);
        }

        var targetText = target.Type switch
        {
            "AverageValue" => $"average {target.AverageValue}",
            "Value" => $"value {target.Value}",
            _ => $"{target.AverageUtilization}%",
        };
        MetricsAnswer answer;
        try
        {
            answer = await _reader.ReadAsync(path, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            answer = new MetricsAnswer(0, null, ex.Message);
        }

        if (answer.Items is not { } items)
        {
            return new MetricReport(id.Name, source, targetText, [], answer.Code, answer.Error, metric.Type == "Pods" ? LeftOut(pods, [], now) : []);
        }

        var served = items.Select(i => new ServedValue(
            i.Object.Length > 0 ? i.Object : "?", i.Quantity, now - i.Timestamp, i.WindowSeconds is { } w ? (long)w : null)).ToList();
        return new MetricReport(id.Name, source, targetText, served, 200, null, metric.Type == "Pods" ? LeftOut(pods, served, now) : []);
    }

    /// <summary>Why a selected pod is not in the answer: the adapter serves Ready pods with a fresh sample only.</summary>
    private static List<LeftOutPod> LeftOut(IReadOnlyList<V1Pod> pods, IReadOnlyList<ServedValue> served, DateTimeOffset now)
    {
        var names = served.Select(s => s.Object).ToHashSet(StringComparer.Ordinal);
        var result = new List<LeftOutPod>();
        foreach (var pod in pods.Where(p => !names.Contains(p.Metadata.Name)).OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var ready = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
            var reason = pod.Metadata.DeletionTimestamp is not null ? "being deleted"
                : string.IsNullOrEmpty(pod.Spec?.NodeName) ? "Pending: not scheduled yet"
                : pod.Status?.Phase == "Pending" ? "Pending: pulling its image or starting"
                : ready?.Status != "True" ? $"not Ready for {Age(now - Utc(ready?.LastTransitionTime ?? pod.Metadata.CreationTimestamp))} (loading its model?): pods that are not capacity are left out on purpose"
                : "Ready, but no fresh sample: its last scrape failed or is older than the adapter's staleAfter";
            result.Add(new LeftOutPod(pod.Metadata.Name, reason));
        }

        return result;
    }

    private async Task<(int Code, JsonNode? Body, string? Error)> GetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await _reader.GetAsync(path, cancellationToken);
            return (answer.Code, answer.Error is null ? Parse(System.Text.Encoding.UTF8.GetString(answer.Body)) : null, answer.Error);
        }
        catch (HttpRequestException ex)
        {
            return (0, null, ex.Message);
        }
    }

    private static string? Message(string? body) => Parse(body)?["message"]?.GetValue<string>();

    private static JsonNode? Parse(string? body)
    {
        try
        {
            return body is { Length: > 0 } ? JsonNode.Parse(body) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string ScalePath(string ns, V2CrossVersionObjectReference target)
    {
        var apiVersion = target.ApiVersion ?? "apps/v1";
        var prefix = apiVersion.Contains('/', StringComparison.Ordinal) ? $"/apis/{apiVersion}" : $"/api/{apiVersion}";
        return $"{prefix}/namespaces/{ns}/{Plural(target.Kind)}/{target.Name}/scale";
    }

    private static string Plural(string kind) => kind.ToLowerInvariant() switch
    {
        var k when k.EndsWith('s') => k + "es",
        var k when k.EndsWith('y') => k[..^1] + "ies",
        var k => k + "s",
    };

    private static string? SelectorText(V1LabelSelector? selector) => LabelSelector.From(selector)?.ToString();

    private static string? Behavior(V2HorizontalPodAutoscalerBehavior? behavior) => behavior is null
        ? null
        : $"scaleDown window {behavior.ScaleDown?.StabilizationWindowSeconds?.ToString(CultureInfo.InvariantCulture) ?? "default"}s, selectPolicy {behavior.ScaleDown?.SelectPolicy ?? "Max"}; "
          + $"scaleUp window {behavior.ScaleUp?.StabilizationWindowSeconds?.ToString(CultureInfo.InvariantCulture) ?? "0"}s, selectPolicy {behavior.ScaleUp?.SelectPolicy ?? "Max"}";

    /// <summary>
    /// One line per annotation: the cold-start history as its sample count, the planner's status as what it asked for
    /// and why (its reason in full: that is the line an SRE reads), the planner's state as its size; anything else as
    /// it is, cut at 160 characters. An annotation that does not parse is shown as it is.
    /// </summary>
    internal static string Summarize(string key, string value) => key switch
    {
        "autoscale.dev/cold-start-history" when Parse(value)?["s"] is JsonArray samples => $"{samples.Count} cold-start sample(s)",
        "autoscale.dev/planner-status" when PlannerStatus(Parse(value)) is { } status => status,
        "autoscale.dev/planner-state" => string.Create(CultureInfo.InvariantCulture, $"the planner's forecaster, correction and request shape ({value.Length} bytes)"),
        _ => value.Length <= 160 ? value : value[..157] + "...",
    };

    private static string? PlannerStatus(JsonNode? status)
    {
        if (status is not JsonObject o || Text(o["at"]) is not { } at || Text(o["reason"]) is not { } reason)
        {
            return null;
        }

        var asked = Number(o["replicas"]) is { } replicas ? string.Create(CultureInfo.InvariantCulture, $"{replicas:0} replicas") : "nothing published";
        var parts = new List<string>();
        if (Number(o["capacityPerReplica"]) is { } capacity)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"capacity {capacity:0.###} req/s per replica{(Text(o["bound"]) is { } bound ? $" ({bound}-bound)" : "")}"));
        }

        if (Number(o["correction"]) is { } correction)
        {
            // A status written before the prefill correction has none: decode alone, as then.
            var prefill = Number(o["prefillCorrection"]) is { } learnt
                ? string.Create(CultureInfo.InvariantCulture, $" decode, × {learnt:0.###} prefill")
                    + (Number(o["prefillApplied"]) is { } applied && applied != learnt ? string.Create(CultureInfo.InvariantCulture, $" (applied × {applied:0.###})") : "")
                : "";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"correction × {correction:0.###}{prefill}"));
        }

        if (Number(o["meanPromptTokens"]) is { } prompt && Number(o["meanOutputTokens"]) is { } output)
        {
            var spreads = Number(o["promptCv"]) is { } promptCv && Number(o["outputCv"]) is { } outputCv
                ? string.Create(CultureInfo.InvariantCulture, $" (cv {promptCv:0.##} / {outputCv:0.##})")
                : "";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"requests {prompt:0} prompt / {output:0} output tokens{spreads}"));
        }

        return $"{asked} at {at}: {reason}{(parts.Count > 0 ? "; " + string.Join(", ", parts) : "")}";

        static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

        static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var number) && double.IsFinite(number) ? number : null;
    }

    private static string Component(Corev1Event e) => e.Source?.Component ?? e.ReportingComponent ?? "";

    private static DateTimeOffset Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, t.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc)).ToUniversalTime() : DateTimeOffset.MinValue;

    public static string Age(TimeSpan age) => age.TotalSeconds < 120 ? $"{Math.Max(0, (int)age.TotalSeconds)}s"
        : age.TotalMinutes < 120 ? $"{(int)age.TotalMinutes}m"
        : $"{(int)age.TotalHours}h";
}
