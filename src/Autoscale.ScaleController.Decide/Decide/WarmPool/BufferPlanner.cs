using System.Globalization;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.WarmPool;

/// <summary>
/// The CapacityBuffer backend, beside <see cref="PlaceholderPlanner"/>: each workload whose warm pool resolves to a
/// buffer (backend <c>capacityBuffer</c>, or <c>auto</c> with the API served) gets one buffer of
/// <c>replicas</c> = its granted pool size, sized by the same <see cref="PoolSizer"/> and budgeted first from the
/// same global GPU budget (placeholders get what is left). A buffer is applied only when it is missing or differs
/// (replicas, template hash, strategy). Switching is make-before-break: a workload's placeholders stay a full pool
/// until its buffer reports Provisioning=True (or <see cref="SwitchWait"/> after the buffer was created), then go.
/// Buffers of no workload on the buffer backend are deleted; a held workload (scale target unreadable) keeps its
/// buffer as it is.
/// </summary>
internal static class BufferPlanner
{
    /// <summary>How long placeholders outlive a buffer that never reports provisioning.</summary>
    public static readonly TimeSpan SwitchWait = TimeSpan.FromMinutes(10);

    public static BufferPlan Plan(
        ControllerConfig config,
        ObservedCluster cluster,
        DateTimeOffset now,
        IReadOnlyDictionary<string, ObservedNode>? nodes = null,
        IReadOnlyDictionary<WorkloadRef, ForecastHeadroom>? forecasts = null)
    {
        var api = cluster.CapacityBuffers;
        var buffers = (api?.Buffers ?? []).Where(b => !b.Terminating)
            .OrderBy(b => b.Namespace, StringComparer.Ordinal).ThenBy(b => b.Name, StringComparer.Ordinal).ToList();
        var observed = cluster.Workloads.ToDictionary(w => w.Ref);
        var unreadable = cluster.Unreadable.GroupBy(u => u.Workload).ToDictionary(g => g.Key, g => g.First().Why);
        var decisions = new List<Decision>();
        var pools = new List<(WorkloadConfig Config, ObservedWorkload? Workload, ObservedCapacityBuffer? Buffer, PoolTarget Target, bool Switching)>();
        var leaving = new Dictionary<WorkloadRef, string>();
        foreach (var workload in config.Workloads)
        {
            var policy = workload.Policy.WarmPool;
            var mine = buffers.Where(b => b.Owner == workload.Workload).ToList();
            if (policy.Backend == WarmPoolBackend.CapacityBuffer && api is null)
            {
                leaving[workload.Workload] = $"warmPool.backend is capacityBuffer, but the API server does not serve {CapacityBufferApi.Group}";
                continue;
            }

            if (policy.Backend == WarmPoolBackend.Placeholders || api is null)
            {
                continue;
            }

            if (observed.TryGetValue(workload.Workload, out var seen))
            {
                var gpus = PlaceholderFactory.Gpus(seen.Template, config.Budget);
                var buffer = mine.FirstOrDefault(b => b.Name == BufferFactory.Name(workload.Workload));
                var live = cluster.Placeholders.Any(p => p.Owner == workload.Workload && !p.Terminating);
                var switched = buffer is not null && (BufferConditions.IsProvisioning(buffer) || now - buffer.Created >= SwitchWait);
                if (!live || switched)
                {
                    leaving[workload.Workload] = buffer is null ? "the workload's warm pool is a CapacityBuffer"
                        : BufferConditions.IsProvisioning(buffer) ? $"CapacityBuffer {buffer.Name} is provisioning"
                        : string.Create(CultureInfo.InvariantCulture, $"CapacityBuffer {buffer.Name} has not reported provisioning in {SwitchWait.TotalMinutes:0} min");
                }

                var target = PoolSizer.Size(policy, seen, gpus, now, forecasts?.GetValueOrDefault(workload.Workload));
                pools.Add((workload, seen, buffer, target, live && !switched));
            }
            else if (unreadable.TryGetValue(workload.Workload, out var why) && mine.Count > 0)
            {
                // Held on its buffer; placeholders it still has stay a held placeholder pool beside it.
                if (!cluster.Placeholders.Any(p => p.Owner == workload.Workload))
                {
                    leaving[workload.Workload] = "held on its CapacityBuffer";
                }

                var held = mine[0];
                pools.Add((workload, null, held, PoolSizer.Held(policy, held.Replicas, held.Gpus, why), false));
            }
        }

        var granted = GpuBudgetAllocator.Allocate([.. pools.Select(p => p.Target)], config.Budget.MaxGpus);
        var free = nodes is null ? null : BufferWarmth.FreeGpus(cluster, config.Budget, nodes);
        var statuses = new List<PoolStatus>();
        var kept = new HashSet<(string, string)>();
        for (var i = 0; i < pools.Count; i++)
        {
            var (workload, seen, buffer, target, switching) = pools[i];
            var dryRun = config.DryRun || workload.DryRun;
            if (seen is null)
            {
                kept.UnionWith(buffers.Where(b => b.Owner == workload.Workload).Select(b => (b.Namespace, b.Name)));
                statuses.Add(Status(workload.Workload, target, granted[i], buffer, free, buffer!.Replicas, $"{target.Why}; CapacityBuffer {buffer.Name} held as it is"));
                continue;
            }

            if (target.GpusPerPlaceholder <= 0)
            {
                statuses.Add(new PoolStatus(workload.Workload, 0, 0, 0, 0, target.Why, Backend: WarmPoolBackend.CapacityBuffer));
                continue;
            }

            kept.Add((workload.Workload.Namespace, BufferFactory.Name(workload.Workload)));
            var spec = BufferFactory.Build(seen, workload.Policy.WarmPool, api!.ApiVersion, target.GpusPerPlaceholder, granted[i]);
            if (Change(buffer, spec) is { } change)
            {
                decisions.Add(new ApplyCapacityBuffer(spec, string.Create(CultureInfo.InvariantCulture,
                    $"{change}; pool of {granted[i]} (wanted {target.Wanted}: {target.Why})"), dryRun));
            }

            if (!switching)
            {
                var state = buffer is null ? "not created yet" : BufferConditions.Describe(buffer);
                statuses.Add(Status(workload.Workload, target, granted[i], buffer, free, buffer?.Replicas ?? 0, $"{target.Why}; CapacityBuffer {spec.Name} {state}"));
            }
        }

        foreach (var buffer in buffers.Where(b => !kept.Contains((b.Namespace, b.Name))))
        {
            var configured = buffer.Owner is null ? null : config.Find(buffer.Owner);
            var reason = buffer.Owner is null ? "its owner annotation is missing or unreadable"
                : configured is null ? $"{buffer.Owner.Kind.Kind} {buffer.Owner} is no longer configured"
                : configured.Policy.WarmPool.Backend == WarmPoolBackend.Placeholders ? $"{buffer.Owner.Kind.Kind} {buffer.Owner}'s warm pool is placeholders"
                : observed.TryGetValue(buffer.Owner, out var seen) && PlaceholderFactory.Gpus(seen.Template, config.Budget) <= 0 ? "the pod template requests no GPU"
                : observed.ContainsKey(buffer.Owner) ? "not the workload's buffer"
                : $"{buffer.Owner.Kind.Kind} {buffer.Owner} no longer exists";
            decisions.Add(new DeleteCapacityBuffer(buffer.Namespace, buffer.Name, api!.ApiVersion, buffer.Owner, reason, config.DryRun || (configured?.DryRun ?? false)));
        }

        var placeholders = new List<ObservedPlaceholder>();
        foreach (var p in cluster.Placeholders)
        {
            if (p.Owner is not null && leaving.TryGetValue(p.Owner, out var why))
            {
                if (!p.Terminating)
                {
                    var dryRun = config.DryRun || (config.Find(p.Owner)?.DryRun ?? false);
                    decisions.Add(new DeletePlaceholder(p.Namespace, p.Name, p.Owner, why, dryRun));
                }

                continue;
            }

            placeholders.Add(p);
        }

        var used = pools.Select((p, i) => granted[i] * p.Target.GpusPerPlaceholder).Sum();
        var placeholderConfig = config with
        {
            Budget = config.Budget with { MaxGpus = Math.Max(0, config.Budget.MaxGpus - used) },
            Workloads = [.. config.Workloads.Where(w => !leaving.ContainsKey(w.Workload))],
        };
        return new BufferPlan(decisions, statuses, placeholderConfig, cluster with { Placeholders = placeholders });
    }

    private static string? Change(ObservedCapacityBuffer? buffer, BufferSpec spec) => buffer switch
    {
        null when spec.Replicas == 0 => null,
        null => "create",
        _ when buffer.TemplateHash != spec.TemplateHash => "the workload's pod template changed",
        _ when buffer.Replicas != spec.Replicas => string.Create(CultureInfo.InvariantCulture, $"replicas {buffer.Replicas} → {spec.Replicas}"),
        _ when spec.ProvisioningStrategy is { } strategy && buffer.ProvisioningStrategy != strategy => $"provisioning strategy → {strategy}",
        _ => null,
    };

    private static PoolStatus Status(
        WorkloadRef workload, PoolTarget target, int granted, ObservedCapacityBuffer? buffer, Dictionary<string, int>? free, int had, string why)
    {
        var warmth = free is null ? null : BufferWarmth.Measure(free, buffer, Math.Min(granted, had), target.GpusPerPlaceholder);
        var kept = Math.Min(had, granted);
        return new PoolStatus(workload, target.Wanted, granted, kept, granted - kept, warmth is null ? why : $"{why}; now {warmth}", warmth, WarmPoolBackend.CapacityBuffer);
    }
}
