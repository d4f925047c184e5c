namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>One resource of the cluster's API as discovery lists it: what a RESTMapper knows of it.</summary>
internal sealed record ApiResource(string Singular, string Plural, string Group, string Kind, bool Namespaced);
