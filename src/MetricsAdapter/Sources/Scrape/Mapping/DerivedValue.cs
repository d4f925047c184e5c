using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>
/// The value of a derived metric (<see cref="DerivedFormula"/>) from one page's input groups of one pod and model, and
/// that target's <see cref="CounterWindow"/>. NaN when it cannot be known (an input missing from the page, no snapshot
/// old enough, nothing observed in the window): the pod then has no value, never a made-up one.
/// </summary>
internal static class DerivedValue
{
    /// <summary>
    /// A new <see cref="CounterWindow"/> for a formula: arrivals over the arrival window (config
    /// <c>scrape.arrivalWindow</c>), over the pod's life so far until it is that old, so that a pod turning ready has
    /// arrivals from its second scrape on, as it has every other rate (a reader summing a fleet's arrivals and
    /// completions then sees the same pods); means over the histogram window (config <c>scrape.latencyWindow</c>),
    /// none until it is full (a mean of the first few requests of a pod is not its latency).
    /// </summary>
    public static CounterWindow NewWindow(DerivedFormula formula, CatalogMapping mapping) =>
        formula == DerivedFormula.ArrivalRate
            ? new CounterWindow(mapping.ArrivalWindow, shorterAtFirst: true)
            : new CounterWindow(mapping.HistogramWindow);

    /// <param name="inputs">The page's group per input, in the definition's order; null where the page had none.</param>
    /// <param name="window">This pod's and model's window for the metric, made by <see cref="NewWindow"/>.</param>
    public static double Compute(DerivedFormula formula, ReadOnlySpan<SeriesGroup?> inputs, CounterWindow window, DateTimeOffset at)
    {
        Span<double> delta = stackalloc double[HistogramMoments.Totals];
        switch (formula)
        {
            case DerivedFormula.ArrivalRate:
                {
                    if (inputs[0] is not { } finished || inputs[1] is not { } waiting || inputs[2] is not { } running)
                    {
                        return double.NaN;
                    }

                    if (!window.TryDelta(at, [finished.Sum, waiting.Sum + running.Sum], 1, delta, out var elapsed))
                    {
                        return double.NaN;
                    }

                    // Requests that leave without being counted as finished (V0 does not count aborts) make the
                    // change in flight look like negative arrivals: there were none.
                    return Math.Max(0, delta[0] + delta[1]) / elapsed.TotalSeconds;
                }

            case DerivedFormula.WaitingPromptTokens:
                {
                    if (inputs[0] is not { } waiting)
                    {
                        return double.NaN;
                    }

                    double mean = inputs[1] is { HasSumAndCount: true } prompts ? Ratio(window, prompts.HistogramSum, prompts.HistogramCount, at, delta) : double.NaN;
                    return waiting.Sum == 0 ? 0 : waiting.Sum * mean;
                }

            case DerivedFormula.WindowMean:
                return inputs[0] is { HasSumAndCount: true } histogram ? Ratio(window, histogram.HistogramSum, histogram.HistogramCount, at, delta) : double.NaN;

            case DerivedFormula.TokensPerRequest:
                return inputs[0] is { } tokens && inputs[1] is { } requests
                    ? Ratio(window, tokens.Sum, requests.Sum, at, delta)
                    : double.NaN;

            case DerivedFormula.WindowStandardDeviation:
                {
                    Span<double> totals = stackalloc double[HistogramMoments.Totals];
                    return inputs[0] is { } lengths && HistogramMoments.TryTotals(lengths.Buckets, totals)
                        && window.TryDelta(at, totals, HistogramMoments.Totals, delta, out _)
                        ? HistogramMoments.StandardDeviation(delta[0], delta[1], delta[2])
                        : double.NaN;
                }

            default:
                return double.NaN;
        }
    }

    // The increase of one counter per unit increase of another over the window (a histogram's mean: _sum per _count);
    // NaN when the second did not increase.
    private static double Ratio(CounterWindow window, double numerator, double denominator, DateTimeOffset at, Span<double> delta) =>
        window.TryDelta(at, [numerator, denominator], 2, delta, out _) && delta[1] > 0
            ? delta[0] / delta[1]
            : double.NaN;
}
