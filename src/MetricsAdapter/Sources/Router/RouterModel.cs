using Autoscale.Kubernetes;

namespace Autoscale.MetricsAdapter.Sources.Router;

/// <summary>One model a router serves and the object that scales for it, which carries the router's demand.</summary>
/// <param name="Model">The model name as the router labels it (production-stack <c>model</c>, EPP <c>target_model_name</c>).</param>
/// <param name="Resource">The target's resource, as in the metric path (<c>deployments.apps</c>).</param>
/// <param name="Target">The scale target: the <c>describedObject</c> of the served values.</param>
internal sealed record RouterModel(string Model, GroupResource Resource, ObjectReference Target);
