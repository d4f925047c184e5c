using System.Text;
using Autoscale.MetricsAdapter.Sources.Exposition;

namespace Autoscale.MetricsAdapter.Sources.Router;

/// <summary>
/// Reads one router page into per-model sums: the pending requests (over fairness, priority and pool series) and the
/// requests-received counter (over source model names). Of each kind's families the first one present on the page is
/// used, so a router that exports an old and a new name is not counted twice. A model with no series on a page that
/// parsed counts 0: a router creates a model's series with its first request.
/// </summary>
internal sealed class RouterPage
{
    private readonly RouterFamilies _families;
    private readonly byte[][] _models;
    private readonly byte[] _modelLabel;
    private readonly ExpositionParser _parser;

    public RouterPage(RouterKind kind, IReadOnlyList<string> models, int maxPageBytes)
    {
        _families = RouterSeries.Of(kind);
        _models = [.. models.Select(Encoding.UTF8.GetBytes)];
        _modelLabel = Encoding.UTF8.GetBytes(_families.ModelLabel);
        _parser = new ExpositionParser(
            new WantedFamilies(_families.Pending.Concat(_families.Requests)),
            ExpositionParserOptions.Default with { MaxPageBytes = maxPageBytes });
    }

    public bool HasPending => _families.Pending.Count > 0;

    /// <returns>Per model (in the constructor's order) its pending count (null when the kind holds no queue) and its requests-received total; or the parse error.</returns>
    public RouterReading Read(ReadOnlySpan<byte> page, ExpositionFormat format)
    {
        var sink = new Sink(this);
        var result = _parser.Parse(page, ref sink, format);
        if (!result.IsOk)
        {
            return RouterReading.Failed(result.ToString());
        }

        var pending = new double?[_models.Length];
        var requests = new double[_models.Length];
        var pendingFamily = FirstSeen(sink, 0, _families.Pending.Count);
        var requestsFamily = FirstSeen(sink, _families.Pending.Count, _families.Requests.Count);
        for (var m = 0; m < _models.Length; m++)
        {
            pending[m] = !HasPending ? null : pendingFamily < 0 ? 0 : sink.Sums[pendingFamily][m];
            requests[m] = requestsFamily < 0 ? 0 : sink.Sums[requestsFamily][m];
        }

        return new RouterReading(pending, requests, null);
    }

    private static int FirstSeen(Sink sink, int from, int count)
    {
        for (var f = from; f < from + count; f++)
        {
            if (sink.Seen[f])
            {
                return f;
            }
        }

        return -1;
    }

    private sealed class Sink : ISampleSink
    {
        private readonly RouterPage _page;
        private readonly byte[] _scratch = new byte[ExpositionParserOptions.Default.MaxLabelValueBytes];

        public Sink(RouterPage page)
        {
            _page = page;
            var families = page._families.Pending.Count + page._families.Requests.Count;
            Seen = new bool[families];
            Sums = [.. Enumerable.Range(0, families).Select(_ => new double[page._models.Length])];
        }

        public bool[] Seen { get; }

        public double[][] Sums { get; }

        public void OnSample(in ExpositionSample sample)
        {
            var isCounter = sample.FamilyIndex >= _page._families.Pending.Count;
            // A gauge is the family's own name; a counter its _total (text format) or the bare name (OpenMetrics has
            // it with _total too); _created, _sum and the like are not values of either.
            var wanted = isCounter ? sample.Suffix is SampleSuffix.Total or SampleSuffix.None : sample.Suffix == SampleSuffix.None;
            if (!wanted || !double.IsFinite(sample.Value))
            {
                return;
            }

            Seen[sample.FamilyIndex] = true;
            if (!sample.TryGetLabel(_page._modelLabel, _scratch, out var model))
            {
                return;
            }

            for (var m = 0; m < _page._models.Length; m++)
            {
                if (model.SequenceEqual(_page._models[m]))
                {
                    Sums[sample.FamilyIndex][m] += sample.Value;
                }
            }
        }
    }
}
