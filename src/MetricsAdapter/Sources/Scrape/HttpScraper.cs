using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Autoscale.MetricsAdapter.Sources.Exposition;

namespace Autoscale.MetricsAdapter.Sources.Scrape;

/// <summary>
/// GETs /metrics pages over one shared, pooled <see cref="SocketsHttpHandler"/> (gzip/deflate, keep-alive), reading
/// each body into a pooled buffer no larger than the page limit. Failures are values, not exceptions. Per target
/// nothing is kept but its pooled keep-alive connection: the body buffer goes back to the pool after parsing, and on
/// every failure before that.
/// </summary>
internal sealed class HttpScraper : IDisposable
{
    // Prefer the 0.0.4 text format the parser was written for; accept OpenMetrics (its timestamps are seconds).
    private const string Accept =
        "text/plain;version=0.0.4;q=1,application/openmetrics-text;version=1.0.0;q=0.5,*/*;q=0.1";

    private readonly HttpMessageInvoker _client;
    private readonly ArrayPool<byte> _pool;

    /// <param name="pool">Body buffers (tests count what is rented and returned); the shared pool by default.</param>
    public HttpScraper(HttpMessageHandler? handler = null, ArrayPool<byte>? pool = null)
    {
        _pool = pool ?? ArrayPool<byte>.Shared;
        _client = new HttpMessageInvoker(handler ?? new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = 2,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        });
    }

    /// <summary>Reads a page; <paramref name="cancellationToken"/> carries the scrape timeout.</summary>
    /// <param name="bearerToken">Sent as <c>Authorization: Bearer</c> when set (an endpoint picker's /metrics checks it with a TokenReview).</param>
    public async Task<FetchedPage> FetchAsync(Uri url, int maxPageBytes, CancellationToken cancellationToken, string? bearerToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", Accept);
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        try
        {
            using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new FetchedPage(ScrapeErrorKind.Http, $"HTTP {(int)response.StatusCode}");
            }

            var format = IsOpenMetrics(response.Content.Headers.ContentType) ? ExpositionFormat.OpenMetrics : ExpositionFormat.PrometheusText;
            long? declared = response.Content.Headers.ContentLength;
            if (declared > maxPageBytes)
            {
                return new FetchedPage(ScrapeErrorKind.TooLarge, $"Content-Length {declared} is above {maxPageBytes}");
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await ReadAsync(stream, (int)(declared ?? 64 * 1024), maxPageBytes, format, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return new FetchedPage(ScrapeErrorKind.Refused, "connection refused");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new FetchedPage(ScrapeErrorKind.Network, e.Message);
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<FetchedPage> ReadAsync(
        Stream stream, int sizeHint, int maxPageBytes, ExpositionFormat format, CancellationToken cancellationToken)
    {
        // One byte over the limit tells "exactly at the limit" from "too large". Reads never go past it, though the
        // pool may hand out a larger array (the shared pool rounds 16 MB + 1 up to 32 MB): the limit is on bytes
        // read, and so, behind automatic decompression, on decompressed bytes (a gzip bomb stops there too).
        int cap = maxPageBytes + 1;
        byte[] buffer = _pool.Rent(Math.Min(Math.Max(sizeHint + 1, 4096), cap));
        int length = 0;
        try
        {
            while (true)
            {
                int room = Math.Min(buffer.Length, cap);
                if (length == room)
                {
                    if (length == cap)
                    {
                        _pool.Return(buffer);
                        return new FetchedPage(ScrapeErrorKind.TooLarge, $"page is above {maxPageBytes} bytes");
                    }

                    byte[] larger = _pool.Rent((int)Math.Min((long)buffer.Length * 2, cap));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    _pool.Return(buffer);
                    buffer = larger;
                    room = Math.Min(buffer.Length, cap);
                }

                int read = await stream.ReadAsync(buffer.AsMemory(length, room - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (length > maxPageBytes)
                    {
                        _pool.Return(buffer);
                        return new FetchedPage(ScrapeErrorKind.TooLarge, $"page is above {maxPageBytes} bytes");
                    }

                    return new FetchedPage(_pool, buffer, length, format);
                }

                length += read;
            }
        }
        catch
        {
            _pool.Return(buffer);
            throw;
        }
    }

    private static bool IsOpenMetrics(MediaTypeHeaderValue? contentType) =>
        string.Equals(contentType?.MediaType, "application/openmetrics-text", StringComparison.OrdinalIgnoreCase);
}
