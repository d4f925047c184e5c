using System.Text.Json.Serialization;

namespace Autoscale.MetricsAdapter.Auth;

[JsonSerializable(typeof(string[]))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
