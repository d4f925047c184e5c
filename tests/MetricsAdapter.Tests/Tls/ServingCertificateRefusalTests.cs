using Autoscale.MetricsAdapter.Tests.Support;
using Autoscale.MetricsAdapter.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Tls;

/// <summary>
/// Issue #12 finding 11: an already-expired serving certificate was loaded and served, and a mismatched pair logged a
/// warning on every poll.
/// </summary>
public sealed class ServingCertificateRefusalTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly FakeTimeProvider _time = new(TestFleet.Now);
    private readonly CapturingLogger<ServingCertificate> _logger = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public void An_expired_certificate_is_refused_at_start_with_a_clear_error()
    {
        WriteExpired();

        var ex = Assert.Throws<ServingCertificateException>(() => Create());

        Assert.Contains("expired at 2020-01-02", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_pki.ServingCertFile, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_certificate_on_reload_keeps_the_last_good_one()
    {
        var serving = Create();
        var good = serving.Current.Thumbprint;

        WriteExpired();

        Assert.False(serving.Reload());
        Assert.Equal(good, serving.Current.Thumbprint);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("expired", StringComparison.Ordinal));
    }

    [Fact]
    public void A_mismatched_pair_warns_once_per_change_not_on_every_poll()
    {
        var serving = Create();
        var good = serving.Current.Thumbprint;
        var other = CertificateFactory.CreateServer(_pki.ServingCa, ["other"], TestPki.Issued, TimeSpan.FromDays(3 * 365));
        File.WriteAllText(_pki.ServingKeyFile, CertificateFactory.PrivateKeyPem(other));

        for (var poll = 0; poll < 5; poll++)
        {
            Assert.False(serving.Reload());
        }

        Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(good, serving.Current.Thumbprint);

        // A further change that is still broken warns again, once; a good pair is then taken.
        File.AppendAllText(_pki.ServingKeyFile, "\n");
        Assert.False(serving.Reload());
        Assert.False(serving.Reload());
        Assert.Equal(2, _logger.Entries.Count(e => e.Level == LogLevel.Warning));
        var rotated = _pki.WriteServing("rotated");
        Assert.True(serving.Reload());
        Assert.Equal(rotated.Thumbprint, serving.Current.Thumbprint);
    }

    private ServingCertificate Create() =>
        new(_pki.ServingCertFile, _pki.ServingKeyFile, [], _time, TimeSpan.FromSeconds(10), _logger);

    private void WriteExpired()
    {
        var expired = CertificateFactory.CreateServer(null, ["127.0.0.1"], new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(1));
        File.WriteAllText(_pki.ServingKeyFile, CertificateFactory.PrivateKeyPem(expired));
        File.WriteAllText(_pki.ServingCertFile, CertificateFactory.CertificatePem(expired));
    }
}
