namespace Autoscale.MetricsAdapter.Sources.Scrape;

/// <summary>Why a scrape failed; the values of <c>autoscale_adapter_scrape_errors_total{kind}</c>.</summary>
internal enum ScrapeErrorKind
{
    None,

    /// <summary>Connection refused: usually a vLLM still loading its model (it listens only afterwards).</summary>
    Refused,
    Timeout,

    /// <summary>An HTTP status other than 2xx.</summary>
    Http,

    /// <summary>The page is not Prometheus text (the error names the line).</summary>
    Parse,

    /// <summary>The page is larger than <c>scrape.maxPageBytes</c> (after decompression).</summary>
    TooLarge,

    /// <summary>The page yields more served series than a page may (a label with unbounded values): none are kept.</summary>
    TooManySeries,

    /// <summary>Any other transport failure (reset, DNS, TLS).</summary>
    Network,
}
