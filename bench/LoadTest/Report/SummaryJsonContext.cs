using System.Text.Json.Serialization;

namespace Autoscale.LoadTest.Report;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SimulationSummary))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext;
