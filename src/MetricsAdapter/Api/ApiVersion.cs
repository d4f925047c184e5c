namespace Autoscale.MetricsAdapter.Api;

/// <summary>The versions served, with their JSON shapes: v1beta1 (<c>metricName</c>, <c>selector</c>, <c>window</c>) and v1beta2 (<c>metric{name,selector}</c>, <c>windowSeconds</c>).</summary>
internal enum ApiVersion
{
    V1Beta1,
    V1Beta2,
}
