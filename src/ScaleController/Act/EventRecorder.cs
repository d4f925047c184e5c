using System.Globalization;
using Autoscale.Hpa;
using Autoscale.ScaleController.Decide.Decisions;
using k8s;
using k8s.Models;

namespace Autoscale.ScaleController.Act;

/// <summary>Creates core/v1 Events (what <c>kubectl describe</c> shows) from the controller's component.</summary>
internal sealed class EventRecorder(IKubernetes client, string instance, TimeProvider time)
{
    public const string Component = "autoscale-scale-controller";
    private const int MaxMessage = 1024;
    private long _sequence;

    public Task CreateAsync(EventTarget target, KubernetesEvent evt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var suffix = string.Create(CultureInfo.InvariantCulture, $"{now.Ticks:x}{Interlocked.Increment(ref _sequence):x}");
        var body = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = $"{target.Name}.{suffix}", NamespaceProperty = target.Namespace },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = target.ApiVersion,
                Kind = target.Kind,
                Name = target.Name,
                NamespaceProperty = target.Namespace,
                Uid = target.Uid,
            },
            Type = evt.Type.ToString(),
            Reason = evt.Reason,
            Message = evt.Message.Length <= MaxMessage ? evt.Message : evt.Message[..(MaxMessage - 1)] + "…",
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = instance,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        return client.CoreV1.CreateNamespacedEventAsync(body, target.Namespace, cancellationToken: cancellationToken);
    }
}
