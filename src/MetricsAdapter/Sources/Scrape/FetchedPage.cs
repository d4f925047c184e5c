using System.Buffers;
using Autoscale.MetricsAdapter.Sources.Exposition;

namespace Autoscale.MetricsAdapter.Sources.Scrape;

/// <summary>A page read into a pooled buffer, or why it could not be read. Dispose returns the buffer.</summary>
internal struct FetchedPage : IDisposable
{
    private readonly ArrayPool<byte>? _pool;
    private byte[]? _buffer;

    public FetchedPage(ArrayPool<byte> pool, byte[] buffer, int length, ExpositionFormat format)
    {
        _pool = pool;
        _buffer = buffer;
        Length = length;
        Format = format;
        Error = ScrapeErrorKind.None;
        Detail = null;
    }

    public FetchedPage(ScrapeErrorKind error, string detail)
    {
        _pool = null;
        _buffer = null;
        Length = 0;
        Format = default;
        Error = error;
        Detail = detail;
    }

    public int Length { get; }

    public ExpositionFormat Format { get; }

    public ScrapeErrorKind Error { get; }

    public string? Detail { get; }

    public readonly ReadOnlySpan<byte> Span => _buffer is null ? default : _buffer.AsSpan(0, Length);

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _pool!.Return(buffer);
        }
    }
}
