using System.Buffers;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Sources.Exposition;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>
/// Turns one target's pages into served series: one per (metric, pod, model), pre-aggregated at ingest across vLLM
/// engines, finish reasons or a pod's GPUs, so the store holds a handful of series per pod whatever the engine count.
/// Keeps per-target state (interned strings, histogram history), so one instance per target, used by one thread.
/// Its cost is linear in the page (hash lookups per sample) and its memory bounded: a page yielding more than
/// <see cref="MaxSeriesPerPage"/> series yields none (like Prometheus's sample_limit), and a duplicate series keeps its
/// first sample; both are in <see cref="LastPage"/> for the scrape to report.
/// </summary>
internal sealed class PageMapper
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>(StringComparer.Ordinal);

    private readonly TargetKind _kind;
    private readonly LabelStrings _strings = new();
    private readonly List<SeriesGroup> _groups = [];
    private readonly Dictionary<GroupKey, int> _groupIndex = [];
    private readonly HashSet<ulong> _seriesSeen = [];
    private readonly Dictionary<(int Metric, string? Namespace, string? Pod, string? Model), HistogramHistory> _histories = [];
    private readonly Dictionary<(int Metric, string? Namespace, string? Pod, string? Model), CounterWindow> _windows = [];

    // Per page: the input groups of each derived metric, per pod and model. Kept from page to page (arrays cleared
    // after use) so that a steady target allocates nothing for them.
    private readonly Dictionary<(int Metric, string? Namespace, string? Pod, string? Model), SeriesGroup?[]> _derived = [];
    private readonly List<(int Metric, string? Namespace, string? Pod, string? Model)> _derivedOnPage = [];
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _modelLabels = new(StringComparer.Ordinal);
    private readonly int _scratchBytes;

    // Rented for the length of one Map call, not kept per target: a thousand targets would hold 8 KB each.
    private byte[] _scratch = [];
    private int _used;
    private int _generation;
    private int _duplicates;
    private bool _overflow;

    public PageMapper(CatalogMapping mapping, TargetKind kind)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        Mapping = mapping;
        _kind = kind;
        _scratchBytes = mapping.Parser.Options.MaxLabelValueBytes;
    }

    /// <summary>
    /// Served series one page may yield: a vLLM pod yields a few per model, a node's GPU exporter a few per pod; far
    /// more is a hostile or broken exporter, whose page is refused rather than held.
    /// </summary>
    public const int MaxSeriesPerPage = 10_000;

    // Per-page tables larger than this are given back after the page, so one hostile page does not pin its memory.
    private const int KeepCapacity = 1024;

    public CatalogMapping Mapping { get; }

    public PageStats LastPage { get; private set; }

    private Span<byte> Scratch => _scratch.AsSpan(0, _scratchBytes);

    /// <summary>Parses and maps one page. On a parse error nothing is returned and the histogram history is untouched.</summary>
    /// <param name="target">The pod an inference server's series belong to (a GPU exporter's name their pods).</param>
    /// <param name="scrapeTime">The timestamp of samples that expose none.</param>
    public ExpositionResult Map(
        ReadOnlySpan<byte> page, ExpositionFormat format, ObjectKey target, DateTimeOffset scrapeTime, out IReadOnlyList<MappedPod> pods)
    {
        _used = 0;
        _duplicates = 0;
        _overflow = false;
        _scratch = ArrayPool<byte>.Shared.Rent(_scratchBytes);
        try
        {
            var sink = new MappingSink(this);
            ExpositionResult result = Mapping.Parser.Parse(page, ref sink, format);
            pods = result.IsOk && !_overflow ? Finish(target, scrapeTime) : [];
            LastPage = new PageStats(_overflow ? 0 : _used, _duplicates, _overflow);
            return result;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = [];
            Release();
        }
    }

    internal void Add(in ExpositionSample sample)
    {
        if (!double.IsFinite(sample.Value) || (_kind == TargetKind.GpuExporter && DcgmBlank.IsBlank(sample.Value)))
        {
            return;
        }

        SampleKey key = SampleKey.Read(in sample, _kind, _strings, Scratch);
        if (!_seriesSeen.Add(SeriesHash.Series(key.Labels, sample.FamilyIndex, (int)sample.Suffix)))
        {
            // Prometheus refuses the second sample of a series on one page ("duplicate sample for timestamp") and
            // counts it; summing both (as before) served 5 + 100 for a series that is 5.
            _duplicates++;
            return;
        }

        if (_kind == TargetKind.GpuExporter && (key.Pod is null || key.Namespace is null))
        {
            return; // a GPU no pod holds
        }

        foreach (MappingRule rule in Mapping.RulesOf(sample.FamilyIndex))
        {
            if (Mapping.SkipLabels[rule.Metric] is { } skip
                && sample.TryGetLabel(skip.Name, Scratch, out var found) && found.SequenceEqual(skip.Value))
            {
                continue;
            }

            bool wanted = rule.Kind switch
            {
                RuleKind.Gauge => sample.Suffix == SampleSuffix.None,
                RuleKind.Counter => sample.Suffix is SampleSuffix.None or SampleSuffix.Total,
                RuleKind.HistogramSumCount => sample.Suffix is SampleSuffix.Sum or SampleSuffix.Count,
                _ => sample.Suffix == SampleSuffix.Bucket && !double.IsNaN(key.Bound),
            };
            if (wanted && Find(rule, key) is { } group)
            {
                if (rule.Kind == RuleKind.HistogramBuckets)
                {
                    group.AddBucket(key.Bound, sample.Value, sample.TimestampMs);
                }
                else if (rule.Kind == RuleKind.HistogramSumCount)
                {
                    group.AddSumOrCount(sample.Suffix == SampleSuffix.Sum, sample.Value, sample.TimestampMs);
                }
                else
                {
                    group.Add(sample.Value, sample.TimestampMs);
                }
            }
        }
    }

    /// <returns>The group, or null when a source series of higher precedence already feeds it or the page has too many.</returns>
    private SeriesGroup? Find(MappingRule rule, in SampleKey key)
    {
        var groupKey = new GroupKey(rule.Metric, rule.Input, key.Namespace, key.Pod, key.Model);
        if (_groupIndex.TryGetValue(groupKey, out int index))
        {
            SeriesGroup g = _groups[index];
            if (rule.Precedence > g.Precedence)
            {
                return null;
            }

            if (rule.Precedence < g.Precedence)
            {
                g.Restart(rule.Precedence);
            }

            return g;
        }

        if (_used == MaxSeriesPerPage)
        {
            _overflow = true;
            return null;
        }

        if (_used == _groups.Count)
        {
            _groups.Add(new SeriesGroup());
        }

        _groupIndex.Add(groupKey, _used);
        SeriesGroup group = _groups[_used++];
        group.Reset(rule.Metric, rule.Input, key.Namespace, key.Pod, key.Model, rule.Precedence);
        return group;
    }

    // The per-page tables are cleared for the next page; after a large page they also give their memory back.
    private void Release()
    {
        bool large = _groupIndex.Count > KeepCapacity || _seriesSeen.Count > KeepCapacity;
        _groupIndex.Clear();
        _seriesSeen.Clear();
        if (large)
        {
            _groupIndex.TrimExcess();
            _seriesSeen.TrimExcess();
        }

        if (_groups.Count > KeepCapacity)
        {
            _groups.RemoveRange(KeepCapacity, _groups.Count - KeepCapacity);
            _groups.TrimExcess();
        }

        if (_modelLabels.Count > KeepCapacity)
        {
            _modelLabels.Clear();
            _modelLabels.TrimExcess();
        }
    }

    private List<MappedPod> Finish(ObjectKey target, DateTimeOffset scrapeTime)
    {
        _generation++;
        var byPod = new Dictionary<ObjectKey, List<SeriesSample>>();
        if (_kind == TargetKind.InferenceServer)
        {
            byPod[target] = new List<SeriesSample>(_used);
        }

        for (int i = 0; i < _used; i++)
        {
            SeriesGroup group = _groups[i];
            MetricDefinition definition = Mapping.Definitions[group.Metric];
            if (group.Input >= 0)
            {
                // An input of a derived metric: combined with the metric's other inputs below.
                var key = (group.Metric, group.Namespace, group.Pod, group.Model);
                if (!_derived.TryGetValue(key, out var inputs))
                {
                    _derived[key] = inputs = new SeriesGroup?[definition.Inputs.Count];
                }

                if (Array.TrueForAll(inputs, g => g is null))
                {
                    _derivedOnPage.Add(key);
                }

                inputs[group.Input] = group;
                continue;
            }

            DateTimeOffset at = At(group, scrapeTime);
            double value = definition.SourceQuantile is { } quantile
                ? Quantile(group, quantile, at)
                : group.Value(definition);
            Emit(byPod, target, group, definition, value, at);
        }

        foreach (var key in _derivedOnPage)
        {
            var (metric, ns, pod, model) = key;
            SeriesGroup?[] inputs = _derived[key];
            MetricDefinition definition = Mapping.Definitions[metric];
            DerivedFormula formula = definition.Formula!.Value;
            SeriesGroup? stamp = null;
            DateTimeOffset at = DateTimeOffset.MaxValue;
            foreach (var input in inputs)
            {
                if (input is not null && At(input, scrapeTime) < at)
                {
                    at = At(input, scrapeTime); // the oldest contributor's, as for a served series
                    stamp = input;
                }
            }

            CounterWindow window = Window(key, formula);
            Emit(byPod, target, stamp!, definition, DerivedValue.Compute(formula, inputs, window, at), at);
            Array.Clear(inputs); // the groups are reused by the next page
        }

        _derivedOnPage.Clear();
        if (_derived.Count > KeepCapacity)
        {
            _derived.Clear();
            _derived.TrimExcess();
        }

        foreach (var (key, history) in _histories)
        {
            if (history.Seen != _generation)
            {
                _histories.Remove(key);
            }
        }

        foreach (var (key, window) in _windows)
        {
            if (window.Seen != _generation)
            {
                _windows.Remove(key);
            }
        }

        var pods = new List<MappedPod>(byPod.Count);
        foreach (var (pod, series) in byPod)
        {
            pods.Add(new MappedPod(pod, series));
        }

        return pods;
    }

    private static DateTimeOffset At(SeriesGroup group, DateTimeOffset scrapeTime) =>
        group.TimestampMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : scrapeTime;

    /// <summary>Adds a finite value under the group's pod (NaN and infinities are never handed on).</summary>
    private void Emit(Dictionary<ObjectKey, List<SeriesSample>> byPod, ObjectKey target, SeriesGroup group, MetricDefinition definition, double value, DateTimeOffset at)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        ObjectKey pod = group.Pod is { } name ? new ObjectKey(group.Namespace!, name) : target;
        if (!byPod.TryGetValue(pod, out var list))
        {
            byPod[pod] = list = [];
        }

        list.Add(new SeriesSample(definition.Name, LabelsOf(group.Model), new Sample(value, at)));
    }

    private CounterWindow Window((int Metric, string? Namespace, string? Pod, string? Model) key, DerivedFormula formula)
    {
        if (!_windows.TryGetValue(key, out var window))
        {
            _windows[key] = window = DerivedValue.NewWindow(formula, Mapping);
        }

        window.Seen = _generation;
        return window;
    }

    private double Quantile(SeriesGroup group, double quantile, DateTimeOffset at)
    {
        var key = (group.Metric, group.Namespace, group.Pod, group.Model);
        if (!_histories.TryGetValue(key, out var history))
        {
            _histories[key] = history = new HistogramHistory(Mapping.HistogramWindow);
        }

        history.Seen = _generation;
        List<(double Bound, double Count)> buckets = group.Buckets;
        buckets.Sort(static (a, b) => a.Bound.CompareTo(b.Bound));
        Span<double> bounds = buckets.Count <= 64 ? stackalloc double[buckets.Count] : new double[buckets.Count];
        Span<double> counts = buckets.Count <= 64 ? stackalloc double[buckets.Count] : new double[buckets.Count];
        for (int i = 0; i < buckets.Count; i++)
        {
            (bounds[i], counts[i]) = buckets[i];
        }

        return history.Observe(quantile, at, bounds, counts);
    }

    private IReadOnlyDictionary<string, string> LabelsOf(string? model)
    {
        if (model is null)
        {
            return NoLabels;
        }

        if (!_modelLabels.TryGetValue(model, out var labels))
        {
            _modelLabels[model] = labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["model_name"] = model };
        }

        return labels;
    }
}
