using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Autoscale.MetricsAdapter.Tls;

/// <summary>
/// The secure port's certificate. From <c>--tls-cert-file</c>/<c>--tls-private-key-file</c>, re-read when the files
/// change (polled by modification time and size, which also catches the symlink swap of a mounted Secret), so
/// rotation needs no restart: new connections get the new certificate. The certificate file's first certificate is
/// the leaf (as Go's <c>tls.LoadX509KeyPair</c> reads it) and the rest are its intermediates, all served, so a client
/// that trusts only the root (the aggregator, with cert-manager's intermediate CA) can verify it.
/// A pair that fails to load, or has already expired, is refused: at start-up with a clear error, on reload by
/// keeping the last good one, warning once per change of the files rather than on every poll.
/// Without files, a self-signed certificate for localhost is made in memory.
/// </summary>
internal sealed partial class ServingCertificate : BackgroundService
{
    private readonly string? _certFile;
    private readonly string? _keyFile;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pollInterval;
    private readonly ILogger<ServingCertificate> _logger;
    private Loaded _current;
    private (DateTime, long, DateTime, long) _stamp;
    private (DateTime, long, DateTime, long)? _refusedStamp;

    /// <exception cref="ServingCertificateException">The files cannot be loaded as a pair, or the certificate has expired.</exception>
    public ServingCertificate(string? certFile, string? keyFile, IEnumerable<string> selfSignedNames, TimeProvider time, TimeSpan pollInterval, ILogger<ServingCertificate> logger)
    {
        _certFile = certFile;
        _keyFile = keyFile;
        _time = time;
        _pollInterval = pollInterval;
        _logger = logger;
        if (certFile is null || keyFile is null)
        {
            _current = Loaded.From(CertificateFactory.CreateServer(null, selfSignedNames, time.GetUtcNow()), []);
            LogSelfSigned(logger, string.Join(", ", selfSignedNames));
        }
        else
        {
            _stamp = Stamp(certFile, keyFile);
            _current = Load(certFile, keyFile, time.GetUtcNow());
        }
    }

    /// <summary>The leaf, with its private key.</summary>
    public X509Certificate2 Current => Volatile.Read(ref _current).Leaf;

    /// <summary>The leaf and its intermediates, as every handshake sends them.</summary>
    public SslStreamCertificateContext CurrentContext => Volatile.Read(ref _current).Context;

    /// <summary>Checks the files once; true when a new certificate was loaded.</summary>
    public bool Reload()
    {
        if (_certFile is null || _keyFile is null)
        {
            return false;
        }

        (DateTime, long, DateTime, long) stamp;
        try
        {
            stamp = Stamp(_certFile, _keyFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        if (stamp == _stamp || stamp == _refusedStamp)
        {
            return false;
        }

        try
        {
            var loaded = Load(_certFile, _keyFile, _time.GetUtcNow());
            _stamp = stamp;
            _refusedStamp = null;
            Volatile.Write(ref _current, loaded);
            LogRotated(_logger, loaded.Leaf.Subject, loaded.Leaf.NotAfter, loaded.Context.IntermediateCertificates.Count);
            return true;
        }
        catch (ServingCertificateException ex)
        {
            // Often a half-written pair mid-rotation: keep serving the old one; warn once until the files change again.
            _refusedStamp = stamp;
            LogReloadFailed(_logger, ex.Message);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_certFile is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(_pollInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Reload();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static Loaded Load(string certFile, string keyFile, DateTimeOffset now)
    {
        X509Certificate2 leaf;
        var all = new X509Certificate2Collection();
        try
        {
            leaf = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            all.ImportFromPemFile(certFile);
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or ArgumentException or UnauthorizedAccessException)
        {
            throw new ServingCertificateException($"--tls-cert-file {certFile} and --tls-private-key-file {keyFile} do not load as a pair: {ex.Message}", ex);
        }

        if (new DateTimeOffset(leaf.NotAfter.ToUniversalTime()) <= now)
        {
            throw new ServingCertificateException($"--tls-cert-file {certFile}: the certificate ({leaf.Subject}) expired at {leaf.NotAfter.ToUniversalTime():u}");
        }

        return Loaded.From(leaf, [.. all.Skip(1)]);
    }

    private static (DateTime, long, DateTime, long) Stamp(string certFile, string keyFile)
    {
        var c = new FileInfo(certFile);
        var k = new FileInfo(keyFile);
        return (c.LastWriteTimeUtc, c.Length, k.LastWriteTimeUtc, k.Length);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No --tls-cert-file given: serving a self-signed certificate for {Names}")]
    private static partial void LogSelfSigned(ILogger logger, string names);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving certificate reloaded: {Subject}, valid until {NotAfter:u}, {Intermediates} intermediate(s)")]
    private static partial void LogRotated(ILogger logger, string subject, DateTime notAfter, int intermediates);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the serving certificate, keeping the current one: {Error}")]
    private static partial void LogReloadFailed(ILogger logger, string error);

    private sealed record Loaded(X509Certificate2 Leaf, SslStreamCertificateContext Context)
    {
        // offline: never fetch missing intermediates over the network; serve what the file holds.
        public static Loaded From(X509Certificate2 leaf, X509Certificate2Collection intermediates) =>
            new(leaf, SslStreamCertificateContext.Create(leaf, intermediates, offline: true));
    }
}
