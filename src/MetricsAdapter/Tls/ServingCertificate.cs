using System.Security.Cryptography.X509Certificates;

namespace Autoscale.MetricsAdapter.Tls;

/// <summary>
/// The secure port's certificate. From <c>--tls-cert-file</c>/<c>--tls-private-key-file</c>, re-read when the files
/// change (polled by modification time and size, which also catches the symlink swap of a mounted Secret), so
/// rotation needs no restart: new connections get the new certificate. A pair that fails to load keeps the old one.
/// Without files, a self-signed certificate for localhost is made in memory.
/// </summary>
internal sealed partial class ServingCertificate : BackgroundService
{
    private readonly string? _certFile;
    private readonly string? _keyFile;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pollInterval;
    private readonly ILogger<ServingCertificate> _logger;
    private X509Certificate2 _current;
    private (DateTime, long, DateTime, long) _stamp;

    public ServingCertificate(string? certFile, string? keyFile, IEnumerable<string> selfSignedNames, TimeProvider time, TimeSpan pollInterval, ILogger<ServingCertificate> logger)
    {
        _certFile = certFile;
        _keyFile = keyFile;
        _time = time;
        _pollInterval = pollInterval;
        _logger = logger;
        if (certFile is null || keyFile is null)
        {
            _current = CertificateFactory.CreateServer(null, selfSignedNames, time.GetUtcNow());
            LogSelfSigned(logger, string.Join(", ", selfSignedNames));
        }
        else
        {
            _stamp = Stamp(certFile, keyFile);
            _current = Load(certFile, keyFile);
        }
    }

    public X509Certificate2 Current => Volatile.Read(ref _current);

    /// <summary>Checks the files once; true when a new certificate was loaded.</summary>
    public bool Reload()
    {
        if (_certFile is null || _keyFile is null)
        {
            return false;
        }

        try
        {
            var stamp = Stamp(_certFile, _keyFile);
            if (stamp == _stamp)
            {
                return false;
            }

            var loaded = Load(_certFile, _keyFile);
            _stamp = stamp;
            Volatile.Write(ref _current, loaded);
            LogRotated(_logger, loaded.Subject, loaded.NotAfter);
            return true;
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or ArgumentException or UnauthorizedAccessException)
        {
            // Often a half-written pair mid-rotation: keep serving the old one, try again next tick.
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

    private static X509Certificate2 Load(string certFile, string keyFile) => X509Certificate2.CreateFromPemFile(certFile, keyFile);

    private static (DateTime, long, DateTime, long) Stamp(string certFile, string keyFile)
    {
        var c = new FileInfo(certFile);
        var k = new FileInfo(keyFile);
        return (c.LastWriteTimeUtc, c.Length, k.LastWriteTimeUtc, k.Length);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No --tls-cert-file given: serving a self-signed certificate for {Names}")]
    private static partial void LogSelfSigned(ILogger logger, string names);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving certificate reloaded: {Subject}, valid until {NotAfter:u}")]
    private static partial void LogRotated(ILogger logger, string subject, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the serving certificate, keeping the current one: {Error}")]
    private static partial void LogReloadFailed(ILogger logger, string error);
}
