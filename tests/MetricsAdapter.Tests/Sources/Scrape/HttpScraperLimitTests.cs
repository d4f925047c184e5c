using System.Buffers;
using System.Net;
using Autoscale.MetricsAdapter.Sources.Scrape;

namespace Autoscale.MetricsAdapter.Tests.Sources.Scrape;

/// <summary>Issue #12 finding 9: the page limit is exact, whatever size of buffer the pool hands out.</summary>
public sealed class HttpScraperLimitTests
{
    private static readonly Uri Url = new("http://10.0.0.1:8000/metrics");

    [Theory]
    [InlineData(64 * 1024)]
    [InlineData(100_000)] // the shared pool rounds a rent of 100,001 up to 131,072
    [InlineData(16 * 1024 * 1024)]
    public async Task An_endless_body_without_a_length_is_read_to_one_byte_over_the_limit_and_no_further(int limit)
    {
        var body = new EndlessStream();
        using var scraper = new HttpScraper(new StubHandler(body), new RoundingPool());

        using var page = await scraper.FetchAsync(Url, limit, CancellationToken.None);

        Assert.Equal(ScrapeErrorKind.TooLarge, page.Error);
        Assert.Equal(limit + 1L, body.Served);
    }

    [Fact]
    public async Task A_body_exactly_at_the_limit_is_read_whole_from_a_rounded_buffer()
    {
        const int Limit = 100_000;
        var body = new EndlessStream(Limit);
        using var scraper = new HttpScraper(new StubHandler(body), new RoundingPool());

        using var page = await scraper.FetchAsync(Url, Limit, CancellationToken.None);

        Assert.Equal(ScrapeErrorKind.None, page.Error);
        Assert.Equal(Limit, page.Length);
    }

    private sealed class StubHandler(Stream body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });
    }

    /// <summary>'a's forever (or up to a length), counting every byte handed to the reader.</summary>
    private sealed class EndlessStream(long length = long.MaxValue) : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = (int)Math.Min(buffer.Length, length - Served);
            buffer[..n].Fill((byte)'a');
            Served += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Rounds every rent up to a power of two, as <see cref="ArrayPool{T}.Shared"/> does.</summary>
    private sealed class RoundingPool : ArrayPool<byte>
    {
        public override byte[] Rent(int minimumLength) => new byte[(int)Math.Min(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)minimumLength), int.MaxValue)];

        public override void Return(byte[] array, bool clearArray = false)
        {
        }
    }
}
