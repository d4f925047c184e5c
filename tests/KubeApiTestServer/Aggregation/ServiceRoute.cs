namespace Autoscale.Testing.KubeApi.Aggregation;

/// <summary>
/// Where a Service's endpoints answer, standing in for the aggregator's service resolver (a cluster IP or endpoint
/// address in a real cluster; a loopback URL here). The TLS server name stays <c>{name}.{namespace}.svc</c>.
/// </summary>
internal sealed record ServiceRoute(string Namespace, string Name, Uri Endpoint);
