using System.Text.Json.Serialization;

namespace Autoscale.LoadTest.Profiles;

/// <summary>Isolated time to first token at 1k, 8k and 32k prompt tokens; null beyond the profile's <c>max_model_len</c>.</summary>
internal sealed record IdleTtftSeconds(
    [property: JsonPropertyName("1000")] double? At1000,
    [property: JsonPropertyName("8000")] double? At8000,
    [property: JsonPropertyName("32000")] double? At32000);
