using System.Buffers;
using System.Net;
using Autoscale.MetricsAdapter.Sources.Scrape;

namespace Autoscale.MetricsAdapter.Tests.Sources.Scrape;

/// <summary>Every body buffer goes back to the pool, whatever happens to the scrape, and none exceeds the page limit.</summary>
public sealed class HttpScraperTests
{
    private const int Limit = 64 * 1024;
    private static readonly Uri Url = new("http://10.0.0.1:8000/metrics");

    [Fact]
    public async Task A_good_page_is_returned_whole_and_its_buffer_goes_back_on_dispose()
    {
        var pool = new CountingPool();
        var body = Page(40_000);
        using var scraper = new HttpScraper(new StubHandler(_ => Ok(new MemoryStream(body), declaredLength: null)), pool);

        var page = await scraper.FetchAsync(Url, Limit, CancellationToken.None);

        Assert.Equal(ScrapeErrorKind.None, page.Error);
        Assert.True(page.Span.SequenceEqual(body));
        Assert.Equal(1, pool.Outstanding);
        page.Dispose();
        page.Dispose();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task A_page_exactly_at_the_limit_is_read()
    {
        var pool = new CountingPool();
        using var scraper = new HttpScraper(new StubHandler(_ => Ok(new MemoryStream(Page(Limit)), declaredLength: null)), pool);

        using (var page = await scraper.FetchAsync(Url, Limit, CancellationToken.None))
        {
            Assert.Equal(ScrapeErrorKind.None, page.Error);
            Assert.Equal(Limit, page.Length);
        }

        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task An_oversize_page_without_a_length_fails_with_no_buffer_kept_and_none_above_the_limit()
    {
        var pool = new CountingPool();
        using var scraper = new HttpScraper(new StubHandler(_ => Ok(new MemoryStream(Page(Limit * 4)), declaredLength: null)), pool);

        var page = await scraper.FetchAsync(Url, Limit, CancellationToken.None);

        Assert.Equal(ScrapeErrorKind.TooLarge, page.Error);
        Assert.Equal(0, pool.Outstanding);
        Assert.InRange(pool.LargestRequested, 1, Limit + 1);
    }

    [Fact]
    public async Task A_declared_oversize_page_is_refused_before_any_buffer_is_rented()
    {
        var pool = new CountingPool();
        using var scraper = new HttpScraper(new StubHandler(_ => Ok(new MemoryStream(Page(Limit * 2)), declaredLength: Limit * 2)), pool);

        var page = await scraper.FetchAsync(Url, Limit, CancellationToken.None);

        Assert.Equal(ScrapeErrorKind.TooLarge, page.Error);
        Assert.Equal(0, pool.Rented);
    }

    [Fact]
    public async Task A_connection_lost_mid_body_returns_the_buffer()
    {
        var pool = new CountingPool();
        using var scraper = new HttpScraper(new StubHandler(_ => Ok(new FailingStream(Page(10_000)), declaredLength: null)), pool);

        var page = await scraper.FetchAsync(Url, Limit, CancellationToken.None);

        Assert.Equal(ScrapeErrorKind.Network, page.Error);
        Assert.Equal(1, pool.Rented);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task A_timeout_mid_body_returns_the_buffer()
    {
        var pool = new CountingPool();
        using var cts = new CancellationTokenSource();
        using var scraper = new HttpScraper(new StubHandler(_ => Ok(new HangingStream(Page(10_000), cts), declaredLength: null)), pool);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scraper.FetchAsync(Url, Limit, cts.Token));

        Assert.Equal(1, pool.Rented);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task An_http_error_rents_nothing()
    {
        var pool = new CountingPool();
        using var scraper = new HttpScraper(new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)), pool);

        var page = await scraper.FetchAsync(Url, Limit, CancellationToken.None);

        Assert.Equal(ScrapeErrorKind.Http, page.Error);
        Assert.Equal(0, pool.Rented);
    }

    private static byte[] Page(int bytes)
    {
        var page = new byte[bytes];
        for (int i = 0; i < bytes; i++)
        {
            page[i] = (byte)('a' + (i % 26));
        }

        return page;
    }

    private static HttpResponseMessage Ok(Stream body, long? declaredLength)
    {
        var content = new StreamContent(body);
        content.Headers.ContentLength = declaredLength;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }

    /// <summary>Serves its bytes in 1 KB reads, then fails as a reset connection would.</summary>
    private sealed class FailingStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length ? base.ReadAsync(buffer[..Math.Min(buffer.Length, 1024)], cancellationToken) : throw new IOException("connection reset");
    }

    /// <summary>Serves its bytes, then cancels the scrape's token and waits on it (a timeout while reading).</summary>
    private sealed class HangingStream(byte[] data, CancellationTokenSource timeout) : MemoryStream(data)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position < Length)
            {
                return await base.ReadAsync(buffer, cancellationToken);
            }

            await timeout.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            return 0;
        }
    }

    /// <summary>Hands out fresh arrays and counts what is still out.</summary>
    private sealed class CountingPool : ArrayPool<byte>
    {
        private readonly HashSet<byte[]> _out = new(ReferenceEqualityComparer.Instance);

        public int Outstanding
        {
            get
            {
                lock (_out)
                {
                    return _out.Count;
                }
            }
        }

        public int Rented { get; private set; }

        public int LargestRequested { get; private set; }

        public override byte[] Rent(int minimumLength)
        {
            var array = new byte[minimumLength];
            lock (_out)
            {
                Rented++;
                LargestRequested = Math.Max(LargestRequested, minimumLength);
                _out.Add(array);
            }

            return array;
        }

        public override void Return(byte[] array, bool clearArray = false)
        {
            lock (_out)
            {
                Assert.True(_out.Remove(array), "returned an array that was not out (or twice)");
            }
        }
    }
}
