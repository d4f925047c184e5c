using Autoscale.Hpa.Reconcile;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Autoscale.Demo.Hpa;

/// <summary>
/// The demo cluster's HPA controller: every sync period, each HPA is reconciled by the HPA port
/// (<see cref="HpaAutoscaler"/>, the same code the load-test simulator runs) with what kube-controller-manager reads —
/// the target's /scale, its pods, the metrics through the aggregated custom metrics API — and what it writes: /scale,
/// the HPA's status (conditions, current metrics) and Events from <c>horizontal-pod-autoscaler</c>.
/// </summary>
internal sealed partial class HpaController(k8s.Kubernetes client, TimeSpan syncPeriod, TimeProvider time, ILogger<HpaController> logger)
{
    public const string Component = "horizontal-pod-autoscaler";
    private readonly HpaAutoscaler _autoscaler = new(HpaControllerOptions.Default);
    private readonly CustomMetricsClient _metrics = new(client);
    private readonly Dictionary<string, HpaControllerState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HpaStatus> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Hpa, string Reason, string Message), (string Name, int Count)> _events = [];
    private long _sequence;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(syncPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                V2HorizontalPodAutoscalerList list;
                try
                {
                    list = await client.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesAsync(cancellationToken: cancellationToken);
                }
                catch (Exception ex) when (ex is HttpOperationException || (ex is HttpRequestException && !cancellationToken.IsCancellationRequested))
                {
                    // The API server answered with an error or the connection failed: the next sync tries again.
                    LogFailed(logger, "*", ex.Message);
                    continue;
                }

                foreach (var hpa in list.Items)
                {
                    try
                    {
                        await ReconcileAsync(hpa, cancellationToken);
                    }
                    catch (HttpOperationException ex)
                    {
                        LogFailed(logger, $"{hpa.Metadata.NamespaceProperty}/{hpa.Metadata.Name}", ex.Response?.Content ?? ex.Message);
                    }
                    catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        LogFailed(logger, $"{hpa.Metadata.NamespaceProperty}/{hpa.Metadata.Name}", ex.Message);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException || (ex is HttpRequestException && cancellationToken.IsCancellationRequested))
        {
            // Stopped, possibly mid-request.
        }
    }

    private async Task ReconcileAsync(V2HorizontalPodAutoscaler hpa, CancellationToken cancellationToken)
    {
        var ns = hpa.Metadata.NamespaceProperty;
        var key = $"{ns}/{hpa.Metadata.Name}";
        var now = time.GetUtcNow();
        var spec = HpaObjects.Spec(hpa);
        var state = _states.GetValueOrDefault(key) ?? HpaControllerState.Empty;
        // What this controller last wrote, unless the object lost it (re-created, or its status replaced).
        var previous = hpa.Status is null ? null : _written.GetValueOrDefault(key);
        var target = hpa.Spec.ScaleTargetRef;
        V1Scale scale;
        try
        {
            scale = await client.AppsV1.ReadNamespacedDeploymentScaleAsync(target.Name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException ex)
        {
            var failed = HpaAutoscaler.FailedGetScale(previous, state, ex.Message, now);
            await WriteAsync(hpa, spec, failed, previous, new Dictionary<string, string>(), cancellationToken);
            return;
        }

        var selector = scale.Status?.Selector ?? "";
        var pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: cancellationToken);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var snapshot = await _metrics.FetchAsync(ns, selector, spec.Metrics, errors, cancellationToken);
        var input = new HpaReconcileInput(
            spec,
            new ScaleInfo(scale.Spec?.Replicas ?? 0, scale.Status?.Replicas ?? 0, selector),
            [.. pods.Items.Where(p => !Cluster.Kubelet.IsPlaceholder(p)).Select(HpaObjects.Pod)],
            snapshot,
            state,
            now,
            previous);
        var result = _autoscaler.Reconcile(input);
        if (result.Rescale)
        {
            try
            {
                scale.Spec!.Replicas = result.DesiredReplicas;
                await client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(scale, target.Name, ns, cancellationToken: cancellationToken);
                LogRescaled(logger, key, input.Scale.SpecReplicas, result.DesiredReplicas, result.RescaleReason);
            }
            catch (HttpOperationException ex)
            {
                result = _autoscaler.RescaleFailed(input, result, ex.Message);
            }
        }

        _states[key] = result.NewState;
        await WriteAsync(hpa, spec, result, previous, errors, cancellationToken);
    }

    private async Task WriteAsync(V2HorizontalPodAutoscaler hpa, Autoscale.Hpa.Spec.HpaSpec spec, HpaReconcileResult result, HpaStatus? previous, IReadOnlyDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var key = $"{hpa.Metadata.NamespaceProperty}/{hpa.Metadata.Name}";
        var status = result.Status with { Conditions = [.. result.Status.Conditions.Select(c => c with { Message = Explain(c.Message, errors) })] };
        if (previous is null || !status.SemanticallyEquals(previous))
        {
            // Read fresh: the scale controller may have applied a behavior since the list.
            var fresh = await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(hpa.Metadata.Name, hpa.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
            fresh.Status = HpaObjects.Status(status, spec.Metrics);
            await client.AutoscalingV2.ReplaceNamespacedHorizontalPodAutoscalerStatusAsync(fresh, hpa.Metadata.Name, hpa.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
            _written[key] = status;
        }

        foreach (var evt in result.Events)
        {
            await RecordAsync(hpa, evt.Type.ToString(), evt.Reason, Explain(evt.Message, errors), cancellationToken);
        }
    }

    /// <summary>
    /// The port sees only data, so a metric the API refused reads "no metrics returned"; upstream's message carries
    /// the API's own answer, and so does this one.
    /// </summary>
    private static string Explain(string message, IReadOnlyDictionary<string, string> errors)
    {
        foreach (var (metric, error) in errors)
        {
            var prefix = $"unable to get metric {metric}: ";
            var at = message.IndexOf(prefix + "no metrics returned from custom metrics API", StringComparison.Ordinal);
            if (at >= 0)
            {
                return string.Concat(message.AsSpan(0, at + prefix.Length), error, message.AsSpan(at + prefix.Length + "no metrics returned from custom metrics API".Length));
            }
        }

        return message;
    }

    /// <summary>client-go's event recorder: a repeat of the same event bumps its count and lastTimestamp.</summary>
    private async Task RecordAsync(V2HorizontalPodAutoscaler hpa, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var ns = hpa.Metadata.NamespaceProperty;
        var now = time.GetUtcNow().UtcDateTime;
        var key = ($"{ns}/{hpa.Metadata.Name}", reason, message);
        if (_events.TryGetValue(key, out var seen))
        {
            try
            {
                var count = seen.Count + 1;
                var patch = new V1Patch(new { count, lastTimestamp = now }, V1Patch.PatchType.MergePatch);
                await client.CoreV1.PatchNamespacedEventAsync(patch, seen.Name, ns, cancellationToken: cancellationToken);
                _events[key] = (seen.Name, count);
                return;
            }
            catch (HttpOperationException)
            {
                _events.Remove(key);
            }
        }

        var name = $"{hpa.Metadata.Name}.{now.Ticks:x}{++_sequence:x}";
        await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = "autoscaling/v2", Kind = "HorizontalPodAutoscaler", Name = hpa.Metadata.Name, NamespaceProperty = ns, Uid = hpa.Metadata.Uid,
            },
            Type = type,
            Reason = reason,
            Message = message,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        }, ns, cancellationToken: cancellationToken);
        _events[key] = (name, 1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HPA {Hpa}: replicas {From} → {To} ({Reason})")]
    private static partial void LogRescaled(ILogger logger, string hpa, int from, int to, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HPA {Hpa}: sync failed, retried next period: {Error}")]
    private static partial void LogFailed(ILogger logger, string hpa, string error);
}
