using System.Collections.Immutable;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Telemetry;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Autoscale.ScaleController.Watch.ScaleTargets;

/// <summary>
/// Once per round, for every managed workload of a kind that is not watched (anything but Deployments and
/// StatefulSets): discovery → <c>GET …/{plural}/{name}/scale</c> → replicas and pod selector, plus the pod template
/// (<see cref="KnownTemplates"/> or <see cref="LivePodTemplate"/>). Polling at the round interval is what the HPA
/// controller does too; a watch per arbitrary CRD would need list/watch rights on each. Each workload stands alone:
/// 404 drops it (target gone: its placeholders are collected); 403, an unknown kind, no /scale or no selector skip it
/// with a Warning (once per change) and a count and mark it <see cref="Unreadable"/> (its placeholders are held); a
/// transient error keeps its last read for <see cref="StaleAfter"/>, then marks it unreadable too.
/// </summary>
internal sealed partial class ScaleTargetReader(ApiReader api, ResourceDiscovery discovery, ControllerMetrics metrics, TimeProvider time, ILogger logger)
{
    /// <summary>How long a target's last good read stands in while its reads fail transiently (5xx, timeouts).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<WorkloadRef, string> _reported = [];
    private ImmutableDictionary<WorkloadRef, ScaleTarget> _current = ImmutableDictionary<WorkloadRef, ScaleTarget>.Empty;
    private ImmutableDictionary<WorkloadRef, string> _problems = ImmutableDictionary<WorkloadRef, string>.Empty;
    private ImmutableDictionary<WorkloadRef, string> _unreadable = ImmutableDictionary<WorkloadRef, string>.Empty;

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>The targets read (or kept) by the last refresh.</summary>
    public IReadOnlyDictionary<WorkloadRef, ScaleTarget> Current => Volatile.Read(ref _current);

    /// <summary>Why each skipped workload is skipped, as last logged.</summary>
    public IReadOnlyDictionary<WorkloadRef, string> Problems => Volatile.Read(ref _problems);

    /// <summary>
    /// The skipped workloads whose target is not known to be gone (all but 404): their placeholders are held.
    /// </summary>
    public IReadOnlyDictionary<WorkloadRef, string> Unreadable => Volatile.Read(ref _unreadable);

    /// <param name="pods">The pods watched so far, for templates taken from a live pod.</param>
    public async Task RefreshAsync(IEnumerable<WorkloadRef> workloads, IReadOnlyList<V1Pod> pods, CancellationToken stop)
    {
        var wanted = workloads.Where(w => !w.Kind.IsWatched).Distinct().ToList();
        var previous = Current;
        var reads = Array.Empty<(string Outcome, string? Problem, ScaleTarget? Target)>();
        if (wanted.Count > 0)
        {
            using var timeout = new CancellationTokenSource(Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
            reads = await Task.WhenAll(wanted.Select(w => ReadAsync(w, previous.GetValueOrDefault(w), pods, linked.Token, stop))).ConfigureAwait(false);
        }

        // Sequentially, after all reads: what stands this round, and what changed since the last one (logged once).
        var targets = ImmutableDictionary.CreateBuilder<WorkloadRef, ScaleTarget>();
        var skipped = ImmutableDictionary.CreateBuilder<WorkloadRef, string>();
        var held = ImmutableDictionary.CreateBuilder<WorkloadRef, string>();
        for (var i = 0; i < wanted.Count; i++)
        {
            var (workload, (outcome, problem, target)) = (wanted[i], reads[i]);
            metrics.ScaleTargetReads.WithLabels(outcome).Inc();
            if (outcome == ScaleTargetOutcome.Error && previous.GetValueOrDefault(workload) is { } last && time.GetUtcNow() - last.ReadAt < StaleAfter)
            {
                // A blip must not look like "target gone": that would delete its warm placeholders.
                LogKept(logger, workload.Kind.ToString(), workload.ToString(), problem ?? "", last.ReadAt);
                targets[workload] = last;
                continue;
            }

            if (target is not null)
            {
                targets[workload] = target;
            }
            else
            {
                skipped[workload] = problem ?? outcome;
                if (outcome != ScaleTargetOutcome.NotFound)
                {
                    held[workload] = problem ?? outcome;
                }
            }

            Report(workload, problem, target);
        }

        foreach (var gone in _reported.Keys.Except(wanted).ToList())
        {
            _reported.Remove(gone);
        }

        Volatile.Write(ref _current, targets.ToImmutable());
        Volatile.Write(ref _problems, skipped.ToImmutable());
        Volatile.Write(ref _unreadable, held.ToImmutable());
    }

    private async Task<(string Outcome, string? Problem, ScaleTarget? Target)> ReadAsync(
        WorkloadRef workload, ScaleTarget? previous, IReadOnlyList<V1Pod> pods, CancellationToken token, CancellationToken stop)
    {
        try
        {
            return await TryReadAsync(workload, previous, pods, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return (ScaleTargetOutcome.Error, $"no answer within {Timeout.TotalSeconds:0.#}s", null);
        }
        catch (HttpRequestException ex)
        {
            return (ScaleTargetOutcome.Error, ex.Message, null);
        }
    }

    private void Report(WorkloadRef workload, string? problem, ScaleTarget? target)
    {
        var line = problem ?? $"resolved: {target!.Resource.Qualified}, pods {target.Selector}, template from {target.TemplateSource ?? "nothing yet (no Ready pod)"}";
        if (_reported.TryGetValue(workload, out var last) && last == line)
        {
            return;
        }

        _reported[workload] = line;
        if (problem is null)
        {
            LogResolved(logger, workload.Kind.ToString(), workload.ToString(), line);
        }
        else
        {
            LogSkipped(logger, workload.Kind.ToString(), workload.ToString(), problem);
        }
    }

    private async Task<(string Outcome, string? Problem, ScaleTarget? Target)> TryReadAsync(WorkloadRef workload, ScaleTarget? previous, IReadOnlyList<V1Pod> pods, CancellationToken token)
    {
        var kind = workload.Kind;
        var resolved = await discovery.ResolveAsync(kind.Group, kind.Version, kind.Kind, token).ConfigureAwait(false);
        if (resolved.Resource is not { } resource)
        {
            return (resolved.Outcome, resolved.Error, null);
        }

        var answer = await api.GetAsync(ApiReader.ObjectPath(resource, workload.Namespace, workload.Name, "scale"), token).ConfigureAwait(false);
        switch (answer.Code)
        {
            case 404:
                return (ScaleTargetOutcome.NotFound, $"{resource.Qualified} \"{workload.Name}\" not found in namespace {workload.Namespace} (the HPA's target is gone)", null);
            case 401 or 403:
                return (ScaleTargetOutcome.Forbidden,
                    $"the controller may not get {resource.Qualified}/scale ({answer.Code}: {answer.Message}); grant get on {resource.Plural}/scale in API group \"{resource.Group}\" (deploy/rbac/README.md)", null);
            case < 200 or >= 300:
                return (ScaleTargetOutcome.Error, $"GET {resource.Qualified}/scale failed ({answer.Code}: {answer.Message})", null);
        }

        if (ParseScale(answer.Body) is not { } scale)
        {
            return (ScaleTargetOutcome.Error, $"GET {resource.Qualified}/scale answered something that is not an autoscaling/v1 Scale", null);
        }

        if (string.IsNullOrEmpty(scale.Status?.Selector))
        {
            return (ScaleTargetOutcome.NoSelector, $"its /scale has no status.selector yet, so its pods cannot be found (for a LeaderWorkerSet: status.hpaPodSelector, set by its controller)", null);
        }

        var selector = scale.Status.Selector;
        var version = scale.Metadata?.ResourceVersion;
        var (template, source) = await TemplateAsync(workload, resource, previous, selector, version, pods, token).ConfigureAwait(false);
        return (ScaleTargetOutcome.Ok, null, new ScaleTarget(resource, scale.Spec?.Replicas ?? 0, selector, template, source, version, time.GetUtcNow(), scale.Metadata?.Uid));
    }

    private async Task<(V1PodTemplateSpec? Template, string? Source)> TemplateAsync(
        WorkloadRef workload, ResolvedResource resource, ScaleTarget? previous, string selector, string? version, IReadOnlyList<V1Pod> pods, CancellationToken token)
    {
        if (KnownTemplates.Has(workload.Kind))
        {
            // The Scale's resourceVersion is the object's: read the object again only when it changed.
            if (previous is { Template: not null } && previous.ResourceVersion == version && version is not null && previous.TemplateSource?.StartsWith("spec.", StringComparison.Ordinal) == true)
            {
                return (previous.Template, previous.TemplateSource);
            }

            var answer = await api.GetAsync(ApiReader.ObjectPath(resource, workload.Namespace, workload.Name), token).ConfigureAwait(false);
            if (answer.Ok && KnownTemplates.From(workload.Kind, answer.Body) is { } known)
            {
                return known;
            }

            LogNoKnownTemplate(logger, workload.Kind.ToString(), workload.ToString(), answer.Ok ? "no template at its known paths" : $"{answer.Code}: {answer.Message}");
        }

        if (LivePodTemplate.Newest(pods, workload.Namespace, selector) is { } pod)
        {
            return (LivePodTemplate.From(pod), $"pod {pod.Metadata.Name}");
        }

        // No Ready pod right now (a rollout, a crash loop): the last template stands, rather than none.
        return previous is not null && previous.Selector == selector ? (previous.Template, previous.TemplateSource) : (null, null);
    }

    private static V1Scale? ParseScale(string body)
    {
        try
        {
            return KubernetesJson.Deserialize<V1Scale>(body) is { Kind: "Scale" } scale ? scale : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} {Workload} is skipped: {Problem}")]
    private static partial void LogSkipped(ILogger logger, string kind, string workload, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {Workload} {Status}")]
    private static partial void LogResolved(ILogger logger, string kind, string workload, string status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} {Workload}: reading its scale target failed ({Problem}); keeping the read of {ReadAt:O}")]
    private static partial void LogKept(ILogger logger, string kind, string workload, string problem, DateTimeOffset readAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} {Workload}: template not read from the object ({Why}); taking it from a live pod")]
    private static partial void LogNoKnownTemplate(ILogger logger, string kind, string workload, string why);
}
