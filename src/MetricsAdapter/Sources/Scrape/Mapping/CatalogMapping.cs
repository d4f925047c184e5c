using Autoscale.MetricsAdapter.Sources.Exposition;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>
/// What a scrape keeps of a page and where it goes: the wanted families (every source series of the catalog) and,
/// per family, the served metrics it feeds. Immutable and shared by every target; a config reload builds a new one.
/// </summary>
internal sealed class CatalogMapping
{
    private readonly MappingRule[][] _rulesByFamily;

    /// <param name="arrivalWindow">The window of arrival rates; zero: since the previous scrape.</param>
    public CatalogMapping(MetricCatalog catalog, TimeSpan histogramWindow, TimeSpan arrivalWindow, ExpositionParserOptions? parserOptions = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(histogramWindow, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(arrivalWindow, TimeSpan.Zero);
        Definitions = [.. catalog.Definitions];
        HistogramWindow = histogramWindow;
        ArrivalWindow = arrivalWindow;

        var families = new List<string>();
        var rules = new List<List<MappingRule>>();
        for (int metric = 0; metric < Definitions.Count; metric++)
        {
            MetricDefinition definition = Definitions[metric];
            if (definition.Formula is not null)
            {
                for (int input = 0; input < definition.Inputs.Count; input++)
                {
                    MetricInput source = definition.Inputs[input];
                    RuleKind inputKind = source.Kind switch
                    {
                        InputKind.Counter => RuleKind.Counter,
                        InputKind.HistogramSumCount => RuleKind.HistogramSumCount,
                        InputKind.HistogramBuckets => RuleKind.HistogramBuckets,
                        _ => RuleKind.Gauge,
                    };
                    for (int precedence = 0; precedence < source.SourceSeries.Count; precedence++)
                    {
                        rules[FamilyOf(source.SourceSeries[precedence])].Add(new MappingRule(metric, inputKind, precedence, input));
                    }
                }

                continue;
            }

            RuleKind kind = definition.SourceQuantile is not null ? RuleKind.HistogramBuckets
                : definition.Kind == MetricKind.Rate ? RuleKind.Counter
                : RuleKind.Gauge;
            for (int precedence = 0; precedence < definition.SourceSeries.Count; precedence++)
            {
                rules[FamilyOf(definition.SourceSeries[precedence])].Add(new MappingRule(metric, kind, precedence));
            }
        }

        int FamilyOf(string series)
        {
            int family = families.IndexOf(series);
            if (family < 0)
            {
                family = families.Count;
                families.Add(series);
                rules.Add([]);
            }

            return family;
        }

        SkipLabels = [.. Definitions.Select(d => d.SkipSourceLabel is { } l
            ? (System.Text.Encoding.UTF8.GetBytes(l.Name), System.Text.Encoding.UTF8.GetBytes(l.Value))
            : ((byte[], byte[])?)null)];
        Families = new WantedFamilies(families);
        _rulesByFamily = [.. rules.Select(r => r.ToArray())];
        Parser = new ExpositionParser(Families, parserOptions);
    }

    public IReadOnlyList<MetricDefinition> Definitions { get; }

    public WantedFamilies Families { get; }

    /// <summary>Per metric, the UTF-8 label name and value whose samples are skipped (<see cref="MetricDefinition.SkipSourceLabel"/>).</summary>
    public IReadOnlyList<(byte[] Name, byte[] Value)?> SkipLabels { get; }

    /// <summary>Parses with <see cref="Families"/>; stateless, shared by every target.</summary>
    public ExpositionParser Parser { get; }

    /// <summary>The window of histogram quantiles (config <c>scrape.latencyWindow</c>).</summary>
    public TimeSpan HistogramWindow { get; }

    /// <summary>The window of <c>vllm_arrival_requests_per_second</c> (config <c>scrape.arrivalWindow</c>).</summary>
    public TimeSpan ArrivalWindow { get; }

    public ReadOnlySpan<MappingRule> RulesOf(int family) => _rulesByFamily[family];
}
