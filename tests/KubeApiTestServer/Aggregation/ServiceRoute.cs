namespace Autoscale.Testing.KubeApi.Aggregation;

/// <summary>
/// Where a Service's endpoints answer, standing in for the aggregator's service resolver: a loopback URL (a cluster IP
/// or endpoint address in a real cluster; the TLS server name stays <c>{name}.{namespace}.svc</c>), or a backend in
/// this process (<see cref="KubeApiTestServer.AddApiService"/>) that is handed each request as an
/// <see cref="ApiServiceRequest"/>.
/// </summary>
internal sealed record ServiceRoute(string Namespace, string Name, Uri? Endpoint, Func<ApiServiceRequest, ApiServiceResponse>? Backend = null);
