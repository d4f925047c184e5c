using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Store;

/// <summary>
/// A value an object carries itself, not one scraped from its pods (the planner's desired replicas, published on the
/// HPA that scales the object): its sample with the publisher's own timestamp, or why there is none.
/// </summary>
/// <param name="Resource">The object's resource, as in the metric path (<c>deployments.apps</c>).</param>
/// <param name="Object">The <c>describedObject</c> of a reply.</param>
/// <param name="Metric">The served metric name.</param>
/// <param name="Sample">The value; null when the source has none that can be read.</param>
/// <param name="Source">Where it comes from, for replies and logs (<c>HPA llm/vllm annotation autoscale.dev/desired-replicas</c>).</param>
/// <param name="Missing">Why <paramref name="Sample"/> is null (absent, unreadable); null when there is a sample.</param>
/// <param name="ScaledBy">The name of the HPA that scales the object (in its namespace), when one does: how a KEDA
/// ScaledObject's scale target is found from the HPA KEDA made for it.</param>
internal sealed record ObjectValue(GroupResource Resource, ObjectReference Object, string Metric, Sample? Sample, string Source, string? Missing, string? ScaledBy = null);
