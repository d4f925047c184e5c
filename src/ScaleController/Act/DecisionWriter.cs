using System.Net;
using System.Text.Json.Nodes;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.Observed;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Autoscale.ScaleController.Act;

/// <summary>The API calls of each decision kind. Errors propagate; <see cref="Actor"/> classifies them.</summary>
internal sealed class DecisionWriter(IKubernetes client, EventRecorder events)
{
    public async Task WriteAsync(Decision decision, CancellationToken cancellationToken)
    {
        switch (decision)
        {
            case SetBehavior set:
                // The Event names the HPA's uid, which the reply carries: `kubectl describe hpa` selects events by it.
                var applied = await client.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(
                    new V1Patch(BehaviorApplyPatch.Build(set), V1Patch.PatchType.ApplyPatch),
                    set.Hpa.Name,
                    set.Hpa.Namespace,
                    fieldManager: SetBehavior.FieldManager,
                    force: true,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                await events.CreateAsync(EventTarget.Hpa(set.Hpa.Namespace, set.Hpa.Name, applied?.Metadata?.Uid), set.Event, cancellationToken).ConfigureAwait(false);
                break;
            case PersistHistory persist:
                // A merge patch (operation Update), not an apply: a second apply naming only the annotation would
                // give up the behavior fields the first apply owns.
                var body = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [PersistHistory.Annotation] = persist.AnnotationValue } } };
                var annotation = new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch);
                await client.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(
                    annotation, persist.Hpa.Name, persist.Hpa.Namespace, fieldManager: SetBehavior.FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case PublishRecommendation publish:
                // A merge patch like PersistHistory's: only these annotations change, the applied behavior keeps its owner.
                var annotations = new JsonObject();
                foreach (var (key, value) in publish.Annotations)
                {
                    annotations[key] = value;
                }

                var patch = new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations } }.ToJsonString(), V1Patch.PatchType.MergePatch);
                var published = await client.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(
                    patch, publish.Hpa.Name, publish.Hpa.Namespace, fieldManager: SetBehavior.FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (publish.Event is { } evt)
                {
                    await events.CreateAsync(EventTarget.Hpa(publish.Hpa.Namespace, publish.Hpa.Name, published?.Metadata?.Uid), evt, cancellationToken).ConfigureAwait(false);
                }

                break;
            case CreatePlaceholder create:
                try
                {
                    await client.CoreV1.CreateNamespacedPodAsync(PlaceholderPodBuilder.Build(create.Spec), create.Spec.Namespace, fieldManager: SetBehavior.FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
                {
                    // AlreadyExists: a previous leader (or a retried create) made it; the watch will show it.
                }

                break;
            case DeletePlaceholder delete:
                try
                {
                    await client.CoreV1.DeleteNamespacedPodAsync(delete.Name, delete.Namespace, gracePeriodSeconds: 0, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
                {
                }

                break;
            case ApplyCapacityBuffer apply:
                // The template first: the buffer must never reference a PodTemplate that does not exist yet.
                await client.CoreV1.PatchNamespacedPodTemplateAsync(
                    new V1Patch(CapacityBufferApply.PodTemplate(apply.Spec), V1Patch.PatchType.ApplyPatch),
                    apply.Spec.Name, apply.Spec.Namespace, fieldManager: SetBehavior.FieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                var (group, version) = GroupVersion(apply.Spec.ApiVersion);
                await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                    new V1Patch(CapacityBufferApply.Buffer(apply.Spec), V1Patch.PatchType.ApplyPatch),
                    group, version, apply.Spec.Namespace, CapacityBufferApi.Resource, apply.Spec.Name,
                    fieldManager: SetBehavior.FieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case WarnBufferRefused warn:
                await events.CreateAsync(new EventTarget(warn.ApiVersion, CapacityBufferApi.Kind, warn.Namespace, warn.Name, warn.Uid), warn.Event, cancellationToken).ConfigureAwait(false);
                break;
            case DeleteCapacityBuffer remove:
                // The buffer first, so the autoscaler never reads it without its template.
                var (g, v) = GroupVersion(remove.ApiVersion);
                await IgnoreNotFoundAsync(client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                    g, v, remove.Namespace, CapacityBufferApi.Resource, remove.Name, cancellationToken: cancellationToken)).ConfigureAwait(false);
                await IgnoreNotFoundAsync(client.CoreV1.DeleteNamespacedPodTemplateAsync(remove.Name, remove.Namespace, cancellationToken: cancellationToken)).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(decision), decision.GetType().Name, "unknown decision kind");
        }
    }

    private static (string Group, string Version) GroupVersion(string apiVersion) =>
        apiVersion.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? (apiVersion[..slash], apiVersion[(slash + 1)..]) : ("", apiVersion);

    private static async Task IgnoreNotFoundAsync(Task call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    public static string Kind(Decision decision) => decision switch
    {
        SetBehavior => "set_behavior",
        PersistHistory => "persist_history",
        PublishRecommendation => "publish_recommendation",
        CreatePlaceholder => "create_placeholder",
        DeletePlaceholder => "delete_placeholder",
        ApplyCapacityBuffer => "apply_capacity_buffer",
        DeleteCapacityBuffer => "delete_capacity_buffer",
        WarnBufferRefused => "warn_buffer_refused",
        _ => "other",
    };
}
