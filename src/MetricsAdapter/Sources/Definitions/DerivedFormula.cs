namespace Autoscale.MetricsAdapter.Sources.Definitions;

/// <summary>How a derived metric's value comes from its inputs (<see cref="MetricDefinition.Inputs"/>), at ingest.</summary>
internal enum DerivedFormula
{
    /// <summary>
    /// Inputs: finished requests (counter), waiting, running (gauges). Arrivals per second = (increase of finished +
    /// change in waiting + running) ÷ seconds, over the arrival window; never below 0.
    /// </summary>
    ArrivalRate,

    /// <summary>
    /// Inputs: waiting (gauge), prompt tokens per request (histogram _sum/_count). Waiting × the mean prompt length of
    /// the requests observed over the histogram window; 0 when nothing waits.
    /// </summary>
    WaitingPromptTokens,

    /// <summary>Input: a histogram (_sum/_count). Its mean over the histogram window: increase of _sum ÷ increase of _count.</summary>
    WindowMean,

    /// <summary>
    /// Inputs: tokens (counter), finished requests (counter). Tokens per finished request over the histogram window:
    /// increase of tokens ÷ increase of finished requests (the request shape; prompt tokens are counted at prefill and
    /// requests at the finish, so over a window much longer than a request the two describe the same requests).
    /// </summary>
    TokensPerRequest,

    /// <summary>
    /// Input: a histogram's buckets. The standard deviation of the observations made over the histogram window, each at
    /// its bucket's midpoint (<c>Sources.Scrape.Mapping.HistogramMoments</c>): the spread of the request lengths
    /// vLLM observes per finished request, which a mean alone does not give.
    /// </summary>
    WindowStandardDeviation,
}
