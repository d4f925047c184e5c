using System.Text.Json.Serialization;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api.Discovery;

namespace Autoscale.MetricsAdapter.Api;

/// <summary>Source-generated JSON for the small documents (Status, discovery, version); metric lists have a hand-written writer.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ApiStatus))]
[JsonSerializable(typeof(ApiGroupList))]
[JsonSerializable(typeof(ApiGroup))]
[JsonSerializable(typeof(ApiResourceList))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
