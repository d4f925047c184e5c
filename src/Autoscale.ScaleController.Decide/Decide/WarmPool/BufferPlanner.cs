using System.Globalization;
using Autoscale.Hpa;
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
/// until its buffer reports Provisioning=True (or, unless the autoscaler refused it, <see cref="SwitchWait"/> after
/// the buffer was created), then go. Buffers of no buffer pool are collected (<see cref="BufferCollector"/>); a held
/// workload (scale target unreadable) keeps its buffer as it is.
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
        var decisions = new List<Decision>();
        var statuses = new List<PoolStatus>();
        var leaving = new Dictionary<WorkloadRef, string>();
        var api = cluster.CapacityBuffers;
        var pools = api is null ? [] : Pools(config, cluster, api, now, forecasts, leaving);
        var granted = GpuBudgetAllocator.Allocate([.. pools.Select(p => p.Target)], config.Budget.MaxGpus);
        if (api is not null)
        {
            var kept = Realize(config, cluster, api, pools, granted, nodes, decisions, statuses);
            BufferCollector.Collect(config, cluster, api, Live(api), kept, decisions);
        }
        else
        {
            foreach (var workload in config.Workloads.Where(w => w.Policy.WarmPool.Backend == WarmPoolBackend.CapacityBuffer))
            {
                var why = $"warmPool.backend is capacityBuffer, but the API server does not serve {CapacityBufferApi.Group}: no warm pool";
                leaving[workload.Workload] = why;
                statuses.Add(new PoolStatus(workload.Workload, 0, 0, 0, 0, why, Backend: WarmPoolBackend.CapacityBuffer));
            }
        }

        var used = pools.Select((p, i) => granted[i] * p.Target.GpusPerPlaceholder).Sum();
        var placeholderConfig = config with
        {
            Budget = config.Budget with { MaxGpus = Math.Max(0, config.Budget.MaxGpus - used) },
            Workloads = [.. config.Workloads.Where(w => !leaving.ContainsKey(w.Workload))],
        };
        return new BufferPlan(decisions, statuses, placeholderConfig, cluster with { Placeholders = Handover(config, cluster, leaving, decisions) });
    }

    private static List<ObservedCapacityBuffer> Live(CapacityBufferApi api) =>
        [.. api.Buffers.Where(b => !b.Terminating).OrderBy(b => b.Namespace, StringComparer.Ordinal).ThenBy(b => b.Name, StringComparer.Ordinal)];

    // The workloads on a buffer this round, and which of them no longer keep placeholders (with the reason).
    private static List<BufferPool> Pools(
        ControllerConfig config, ObservedCluster cluster, CapacityBufferApi api, DateTimeOffset now,
        IReadOnlyDictionary<WorkloadRef, ForecastHeadroom>? forecasts, Dictionary<WorkloadRef, string> leaving)
    {
        var buffers = Live(api);
        var observed = cluster.Workloads.ToDictionary(w => w.Ref);
        var unreadable = cluster.Unreadable.GroupBy(u => u.Workload).ToDictionary(g => g.Key, g => g.First().Why);
        var pools = new List<BufferPool>();
        foreach (var workload in config.Workloads.Where(w => w.Policy.WarmPool.Backend != WarmPoolBackend.Placeholders))
        {
            var policy = workload.Policy.WarmPool;
            var mine = buffers.Where(b => b.Owner == workload.Workload).ToList();
            if (observed.TryGetValue(workload.Workload, out var seen))
            {
                var buffer = mine.FirstOrDefault(b => b.Name == BufferFactory.Name(workload.Workload));
                var live = cluster.Placeholders.Any(p => p.Owner == workload.Workload && !p.Terminating);
                var provisioning = buffer is not null && BufferConditions.IsProvisioning(buffer);
                var waited = buffer is not null && !BufferConditions.IsFailed(buffer) && now - buffer.Created >= SwitchWait;
                if (!live || provisioning || waited)
                {
                    leaving[workload.Workload] = provisioning ? $"CapacityBuffer {buffer!.Name} is provisioning"
                        : waited ? string.Create(CultureInfo.InvariantCulture, $"CapacityBuffer {buffer!.Name} has not reported provisioning in {SwitchWait.TotalMinutes:0} min")
                        : "the workload's warm pool is a CapacityBuffer";
                }

                var gpus = PlaceholderFactory.Gpus(seen.Template, config.Budget);
                var target = PoolSizer.Size(policy, seen, gpus, now, forecasts?.GetValueOrDefault(workload.Workload));
                pools.Add(new BufferPool(workload, seen, buffer, target, live && !provisioning && !waited));
            }
            else if (unreadable.TryGetValue(workload.Workload, out var why) && mine.Count > 0)
            {
                // Held on its buffer; placeholders it still has stay a held placeholder pool beside it.
                if (!cluster.Placeholders.Any(p => p.Owner == workload.Workload))
                {
                    leaving[workload.Workload] = "held on its CapacityBuffer";
                }

                pools.Add(new BufferPool(workload, null, mine[0], PoolSizer.Held(policy, mine[0].Replicas, mine[0].Gpus, why), false));
            }
        }

        return pools;
    }

    // Applies each observed pool's buffer where it changed, warns of refused ones, reports every pool; returns the
    // buffers that belong to a pool (everything else of ours is garbage).
    private static HashSet<(string Namespace, string Name)> Realize(
        ControllerConfig config, ObservedCluster cluster, CapacityBufferApi api, List<BufferPool> pools, int[] granted,
        IReadOnlyDictionary<string, ObservedNode>? nodes, List<Decision> decisions, List<PoolStatus> statuses)
    {
        var free = nodes is null ? null : BufferWarmth.FreeGpus(cluster, config.Budget, nodes);
        var kept = new HashSet<(string Namespace, string Name)>();
        for (var i = 0; i < pools.Count; i++)
        {
            var (workload, seen, buffer, target, switching) = pools[i];
            var dryRun = config.DryRun || workload.DryRun;
            if (seen is null)
            {
                kept.UnionWith(Live(api).Where(b => b.Owner == workload.Workload).Select(b => (b.Namespace, b.Name)));
                statuses.Add(Status(workload.Workload, target, granted[i], buffer, free, $"{target.Why}; CapacityBuffer {buffer!.Name} held as it is"));
                continue;
            }

            if (target.GpusPerPlaceholder <= 0)
            {
                statuses.Add(new PoolStatus(workload.Workload, 0, 0, 0, 0, target.Why, Backend: WarmPoolBackend.CapacityBuffer));
                continue;
            }

            var spec = BufferFactory.Build(seen, workload.Policy.WarmPool, api.ApiVersion, target.GpusPerPlaceholder, granted[i]);
            kept.Add((spec.Namespace, spec.Name));
            if (Change(buffer, spec) is { } change)
            {
                decisions.Add(new ApplyCapacityBuffer(spec, string.Create(CultureInfo.InvariantCulture,
                    $"{change}; pool of {granted[i]} (wanted {target.Wanted}: {target.Why})"), dryRun));
            }

            if (buffer is not null && BufferConditions.IsFailed(buffer))
            {
                var message = $"the autoscaler refused CapacityBuffer {buffer.Name} ({BufferConditions.Refusal(buffer)}): its warm capacity is not kept";
                decisions.Add(new WarnBufferRefused(
                    workload.Workload, buffer.Namespace, buffer.Name, api.ApiVersion, buffer.Uid, new KubernetesEvent(KubernetesEventType.Warning, WarnBufferRefused.Reason, message), dryRun));
            }

            // While switching, the placeholders are the pool: PlaceholderPlanner reports it.
            if (!switching)
            {
                var state = buffer is null ? "not created yet" : BufferConditions.Describe(buffer);
                statuses.Add(Status(workload.Workload, target, granted[i], buffer, free, $"{target.Why}; CapacityBuffer {spec.Name} {state}"));
            }
        }

        return kept;
    }

    // The placeholders PlaceholderPlanner is to see: those of workloads leaving placeholders are deleted here instead.
    private static List<ObservedPlaceholder> Handover(ControllerConfig config, ObservedCluster cluster, Dictionary<WorkloadRef, string> leaving, List<Decision> decisions)
    {
        var placeholders = new List<ObservedPlaceholder>();
        foreach (var p in cluster.Placeholders)
        {
            if (p.Owner is null || !leaving.TryGetValue(p.Owner, out var why))
            {
                placeholders.Add(p);
            }
            else if (!p.Terminating)
            {
                decisions.Add(new DeletePlaceholder(p.Namespace, p.Name, p.Owner, why, config.DryRun || (config.Find(p.Owner)?.DryRun ?? false)));
            }
        }

        return placeholders;
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

    // Kept: the chunks the buffer already asks for (within the grant); warmth measured against what it asks.
    private static PoolStatus Status(WorkloadRef workload, PoolTarget target, int granted, ObservedCapacityBuffer? buffer, Dictionary<string, int>? free, string why)
    {
        var had = buffer?.Replicas ?? 0;
        var warmth = free is null ? null : BufferWarmth.Measure(free, buffer, Math.Min(granted, had), target.GpusPerPlaceholder);
        var kept = Math.Min(had, granted);
        return new PoolStatus(workload, target.Wanted, granted, kept, granted - kept, warmth is null ? why : $"{why}; now {warmth}", warmth, WarmPoolBackend.CapacityBuffer);
    }
}
