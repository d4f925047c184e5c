using System.Collections.Frozen;

namespace Autoscale.MetricsAdapter.Sources.Definitions;

/// <summary>The served metrics by name. Immutable; a config reload builds a new one.</summary>
internal sealed class MetricCatalog
{
    private readonly FrozenDictionary<string, MetricDefinition> _byName;

    public MetricCatalog(IEnumerable<MetricDefinition> definitions)
    {
        Definitions = [.. definitions.OrderBy(d => d.Name, StringComparer.Ordinal)];
        _byName = Definitions.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<MetricDefinition> Definitions { get; }

    public bool TryGet(string name, out MetricDefinition definition) => _byName.TryGetValue(name, out definition!);

    /// <summary>The catalog built in: vLLM (V0 and V1 names), DCGM, and the same gauges from SGLang, TensorRT-LLM and TGI.</summary>
    public static MetricCatalog BuiltIn { get; } = new(BuiltInDefinitions.All);
}
