using System.Globalization;
using Autoscale.Testing.KubeApi;
using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;
using k8s.Models;
using Microsoft.Extensions.Logging;
using EmulatedState = Autoscale.VllmEmulator.Server.PodState;

namespace Autoscale.Demo.Cluster;

/// <summary>
/// What the demo cluster lacks to run pods, in one loop: the ReplicaSet controller (the Deployment's replicas become
/// pods, surplus pods are deleted not-ready and newest first), the scheduler (a pod lands on the least busy GPU node
/// after <see cref="DemoOptions.Scheduling"/>) and the kubelet (the image is pulled for <see cref="DemoOptions.ImagePull"/>,
/// then the container — an emulated vLLM on a loopback port — loads its model for <see cref="DemoOptions.ModelLoad"/>
/// and turns Ready). Placeholder pods are scheduled and run <c>sleep infinity</c>. Status is written with the
/// condition times a real kubelet writes, which is what the scale controller learns cold starts from.
/// </summary>
internal sealed partial class Kubelet(KubeApiTestServer server, EmulatedFleet fleet, DemoOptions options, TimeProvider time, ILogger<Kubelet> logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EmulatedVllmPod> _containers = new(StringComparer.Ordinal);
    private int _created;

    public EmulatedFleet Fleet => fleet;

    /// <summary>The running vLLM containers by pod name (what a node's dcgm-exporter sees on its GPUs).</summary>
    public IReadOnlyDictionary<string, EmulatedVllmPod> Containers => _containers;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.KubeletInterval, time);
        try
        {
            do
            {
                try
                {
                    await SyncAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A conflicting write (someone else updated the pod) is retried on the next tick.
                    LogSyncFailed(logger, ex.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SyncAsync()
    {
        var deployment = server.Get<V1Deployment>(DemoWorkload.Namespace, DemoWorkload.Name);
        if (deployment is null)
        {
            return;
        }

        var pods = server.List<V1Pod>(DemoWorkload.Namespace);
        var workloadPods = pods.Where(p => !IsPlaceholder(p) && p.Metadata.Labels is { } labels && labels.TryGetValue("app", out var app) && app == DemoWorkload.Name).ToList();
        var desired = deployment.Spec.Replicas ?? 1;
        for (var i = workloadPods.Count; i < desired; i++)
        {
            workloadPods.Add(server.Upsert(NewPod(deployment)));
        }

        // ReplicaSet's ranking for deletion: not scheduled, then not ready, then the newest.
        foreach (var surplus in workloadPods
            .OrderBy(p => p.Spec.NodeName is null ? 0 : 1)
            .ThenBy(p => IsReady(p) ? 1 : 0)
            .ThenByDescending(p => p.Metadata.CreationTimestamp)
            .ThenByDescending(p => p.Metadata.Name, StringComparer.Ordinal)
            .Take(Math.Max(0, workloadPods.Count - desired))
            .ToList())
        {
            server.Delete<V1Pod>(DemoWorkload.Namespace, surplus.Metadata.Name);
            workloadPods.Remove(surplus);
            if (_containers.TryRemove(surplus.Metadata.Name, out var container))
            {
                await fleet.RemoveAsync(container);
            }

            LogDeleted(logger, DemoWorkload.Namespace, surplus.Metadata.Name);
        }

        var now = time.GetUtcNow();
        foreach (var pod in workloadPods.Concat(pods.Where(IsPlaceholder)).Where(p => p.Metadata.DeletionTimestamp is null))
        {
            Progress(pod, now, pods);
        }

        var ready = workloadPods.Count(IsReady);
        deployment.Status = new V1DeploymentStatus
        {
            ObservedGeneration = deployment.Metadata.Generation,
            Replicas = workloadPods.Count,
            UpdatedReplicas = workloadPods.Count,
            ReadyReplicas = ready,
            AvailableReplicas = ready,
            UnavailableReplicas = workloadPods.Count - ready,
        };
        server.Upsert(deployment);
    }

    private V1Pod NewPod(V1Deployment deployment)
    {
        var suffix = string.Create(CultureInfo.InvariantCulture, $"{Interlocked.Increment(ref _created):x}{Random.Shared.Next(0x1000, 0xffff):x}");
        var template = deployment.Spec.Template;
        return new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{deployment.Metadata.Name}-{suffix}",
                NamespaceProperty = deployment.Metadata.NamespaceProperty,
                Labels = new Dictionary<string, string>(template.Metadata.Labels),
            },
            Spec = template.Spec,
            Status = new V1PodStatus
            {
                Phase = "Pending",
                Conditions = [],
            },
        };
    }

    /// <summary>One step of a pod's life at most per tick, with the times a kubelet would record.</summary>
    private void Progress(V1Pod pod, DateTimeOffset now, IReadOnlyList<V1Pod> all)
    {
        var createdAt = pod.Metadata.CreationTimestamp is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : now;
        var status = pod.Status ??= new V1PodStatus { Phase = "Pending" };
        status.Conditions ??= [];
        var scheduled = Condition(pod, "PodScheduled");
        if (pod.Spec.NodeName is null)
        {
            if (now - createdAt >= options.Scheduling)
            {
                pod.Spec.NodeName = LeastBusyNode(all);
                status.Conditions.Add(new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = now.UtcDateTime });
                status.Conditions.Add(new V1PodCondition { Type = "Ready", Status = "False", Reason = "ContainersNotReady", LastTransitionTime = now.UtcDateTime });
                server.Upsert(pod);
            }

            return;
        }

        if (status.ContainerStatuses is null)
        {
            if (scheduled?.LastTransitionTime is { } at && now - new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) >= options.ImagePull)
            {
                StartContainer(pod, now);
                server.Upsert(pod);
            }

            return;
        }

        if (!IsPlaceholder(pod) && !IsReady(pod) && _containers.TryGetValue(pod.Metadata.Name, out var container) && container.State == EmulatedState.Ready)
        {
            var ready = Condition(pod, "Ready")!;
            ready.Status = "True";
            ready.Reason = null;
            ready.LastTransitionTime = now.UtcDateTime;
            status.ContainerStatuses[0].Ready = true;
            status.ContainerStatuses[0].Started = true;
            server.Upsert(pod);
            LogReady(logger, DemoWorkload.Namespace, pod.Metadata.Name, (now - createdAt).TotalSeconds);
        }
    }

    private void StartContainer(V1Pod pod, DateTimeOffset now)
    {
        var placeholder = IsPlaceholder(pod);
        pod.Status.Phase = "Running";
        pod.Status.PodIP = "127.0.0.1";
        pod.Status.HostIP = "10.0.0." + (pod.Spec.NodeName!.Length > 0 ? pod.Spec.NodeName[^1] : '1');
        pod.Status.StartTime = Condition(pod, "PodScheduled")?.LastTransitionTime;
        var name = pod.Spec.Containers[0].Name;
        pod.Status.ContainerStatuses =
        [
            new V1ContainerStatus
            {
                Name = name,
                Image = pod.Spec.Containers[0].Image,
                ImageID = "",
                Ready = placeholder,
                Started = placeholder,
                RestartCount = 0,
                State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = now.UtcDateTime } },
            },
        ];
        if (placeholder)
        {
            if (Condition(pod, "Ready") is { } ready)
            {
                ready.Status = "True";
                ready.Reason = null;
                ready.LastTransitionTime = now.UtcDateTime;
            }

            return;
        }

        var container = fleet.Launch(new PodOptions
        {
            Name = pod.Metadata.Name,
            Namespace = pod.Metadata.NamespaceProperty,
            Labels = new Dictionary<string, string>(pod.Metadata.Labels),
            Profile = ReplicaProfiles.Llama31_8B_A10G,
            ServedModelName = DemoWorkload.Model,
            LoadDelay = options.ModelLoad,
        });
        _containers[pod.Metadata.Name] = container;
        // The port the emulated vLLM listens on, where the adapter's discovery looks for it (prometheus.io/port).
        pod.Metadata.Annotations ??= new Dictionary<string, string>();
        pod.Metadata.Annotations["prometheus.io/port"] = container.Port.ToString(CultureInfo.InvariantCulture);
        LogStarted(logger, DemoWorkload.Namespace, pod.Metadata.Name, pod.Spec.NodeName!, options.ModelLoad.TotalSeconds);
    }

    private static string LeastBusyNode(IReadOnlyList<V1Pod> pods) =>
        Enumerable.Range(0, DemoCluster.GpuNodes).Select(i => $"gpu-node-{i}")
            .OrderBy(n => pods.Count(p => p.Spec.NodeName == n && p.Metadata.DeletionTimestamp is null))
            .ThenBy(n => n, StringComparer.Ordinal)
            .First();

    private static V1PodCondition? Condition(V1Pod pod, string type) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsReady(V1Pod pod) => Condition(pod, "Ready")?.Status == "True";

    public static bool IsPlaceholder(V1Pod pod) => pod.Metadata.Labels?.ContainsKey("autoscale.dev/placeholder") == true;

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Namespace}/{Pod} started on {Node}: vLLM loads its model for {Seconds} s (not Ready, not capacity)")]
    private static partial void LogStarted(ILogger logger, string @namespace, string pod, string node, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Namespace}/{Pod} is Ready, {Seconds:F0} s after it was created")]
    private static partial void LogReady(ILogger logger, string @namespace, string pod, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Namespace}/{Pod} deleted (scale down)")]
    private static partial void LogDeleted(ILogger logger, string @namespace, string pod);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kubelet sync failed, retried next tick: {Error}")]
    private static partial void LogSyncFailed(ILogger logger, string error);
}
