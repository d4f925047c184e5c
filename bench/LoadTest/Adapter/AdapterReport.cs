using System.Text.Json.Serialization;

namespace Autoscale.LoadTest.Adapter;

/// <summary>The JSON written by <c>adapter --json</c>.</summary>
/// <param name="Setup">Processes, source of the served values, scrape interval and CPU pinning.</param>
/// <param name="LoadAverage">/proc/loadavg at the start and the end: other work on the machine competes for its cores.</param>
internal sealed record AdapterReport(int ProcessorCount, string Runtime, string Setup, string LoadAverage, IReadOnlyList<ScenarioResult> Scenarios);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(AdapterReport))]
internal sealed partial class AdapterJsonContext : JsonSerializerContext;
