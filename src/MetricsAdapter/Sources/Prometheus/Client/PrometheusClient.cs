using System.Globalization;
using System.Net.Http.Headers;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Client;

/// <summary>
/// Prometheus' HTTP API: instant queries (<c>/api/v1/query</c>) and series discovery (<c>/api/v1/series</c>), sent as
/// POST form bodies so that a long query never becomes an oversized URL (prometheus-adapter#358: 414 at 150 pods).
/// Every failure is a typed <see cref="PromError"/>; only cancellation by the caller throws.
/// </summary>
internal sealed class PrometheusClient(HttpClient http, PrometheusSourceOptions options, TimeProvider time)
{
    private readonly Uri _base = WithTrailingSlash(options.Url);
    private readonly BearerTokenFile? _token = options.BearerTokenFile is { } path ? new BearerTokenFile(path, time) : null;

    /// <summary>An instant query evaluated at Prometheus' now; each sample carries the timestamp Prometheus gives it.</summary>
    public Task<PromResult<PromQueryResult>> QueryAsync(string query, CancellationToken cancellationToken) =>
        SendAsync("api/v1/query", [new("query", query)], static body => PromResponseParser.ParseQuery(body), cancellationToken);

    /// <summary>The label sets of the series matching any of <paramref name="matches"/> since <paramref name="start"/>.</summary>
    public Task<PromResult<IReadOnlyList<IReadOnlyDictionary<string, string>>>> SeriesAsync(
        IReadOnlyList<string> matches, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var form = matches.Select(m => new KeyValuePair<string, string>("match[]", m)).ToList();
        form.Add(new("start", (start.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture)));
        return SendAsync("api/v1/series", form, static body => PromResponseParser.ParseSeries(body), cancellationToken);
    }

    /// <summary>The request that would be sent (exposed so that tests can check verb and size without a server).</summary>
    internal HttpRequestMessage BuildRequest(string path, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var uri = new Uri(_base, path);
        HttpRequestMessage request;
        var query = options.Verb == PrometheusVerb.Get ? QueryString(form) : null;
        if (query is not null && uri.AbsoluteUri.Length + 1 + query.Length <= options.MaxGetUrlLength)
        {
            request = new HttpRequestMessage(HttpMethod.Get, new Uri(uri.AbsoluteUri + "?" + query));
        }
        else
        {
            request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };
        }

        foreach (var (name, value) in options.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token.Token);
        }

        return request;
    }

    private async Task<PromResult<T>> SendAsync<T>(
        string path, IReadOnlyList<KeyValuePair<string, string>> form, Func<byte[], PromResult<T>> parse, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            using var request = BuildRequest(path, form);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var result = parse(body);
            if (response.IsSuccessStatusCode || result.Error is { Kind: PromErrorKind.Query })
            {
                // Prometheus answers 400/422/503 with a JSON error body: its own words are the better message.
                return result.IsSuccess ? result : result.Error with { StatusCode = (int)response.StatusCode };
            }

            return new PromError(PromErrorKind.HttpStatus, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", (int)response.StatusCode);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (ToError(e) is { } error)
        {
            return error;
        }
    }

    private PromError? ToError(Exception e) => e switch
    {
        TimeoutRejectedException => new(PromErrorKind.Timeout, $"no answer within {options.Timeout.TotalSeconds:0.###} s"),
        BrokenCircuitException => new(PromErrorKind.CircuitOpen, "circuit open after repeated failures; calls paused"),
        HttpRequestException h => new(PromErrorKind.Connection, h.InnerException is { } inner ? $"{h.Message} ({inner.Message})" : h.Message),
        OperationCanceledException => new(PromErrorKind.Timeout, "request canceled before an answer (connect timeout)"),
        UnauthorizedAccessException or FileNotFoundException or DirectoryNotFoundException =>
            new(PromErrorKind.Connection, $"bearer token file: {e.Message}"),
        IOException io => new(PromErrorKind.Connection, io.Message),
        _ => null,
    };

    private static string? QueryString(IReadOnlyList<KeyValuePair<string, string>> form) =>
        string.Join('&', form.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
