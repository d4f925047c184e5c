using System.Security.Cryptography.X509Certificates;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Tls;

namespace Autoscale.MetricsAdapter.Tests.Auth;

public sealed class VerifiedCertificatesTests : IDisposable
{
    private static readonly DateTimeOffset Issued = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Issued.AddDays(10);
    private readonly X509Certificate2 _ca = CertificateFactory.CreateCa("verify-ca", Issued, TimeSpan.FromDays(365));
    private readonly X509Certificate2 _otherCa = CertificateFactory.CreateCa("other-ca", Issued, TimeSpan.FromDays(365));
    private readonly X509Certificate2 _client;
    private readonly X509Certificate2Collection _roots;
    private int _checks;

    public VerifiedCertificatesTests()
    {
        _client = CertificateFactory.CreateClient(_ca, "alice", ["devs"], Issued, TimeSpan.FromDays(30));
        _roots = [_ca];
    }

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
        _client.Dispose();
    }

    [Fact]
    public void A_certificate_is_checked_once_per_bundle_while_the_verdict_is_fresh()
    {
        var verified = Counting();

        Assert.True(verified.Verify(_client, _roots, Now, out _));
        Assert.True(verified.Verify(_client, _roots, Now.AddSeconds(59), out _));

        Assert.Equal(1, _checks);
    }

    [Fact]
    public void A_verdict_expires_after_its_max_age()
    {
        var verified = Counting();

        Assert.True(verified.Verify(_client, _roots, Now, out _));
        Assert.True(verified.Verify(_client, _roots, Now.AddMinutes(1), out _));

        Assert.Equal(2, _checks);
    }

    [Fact]
    public void A_new_bundle_instance_is_checked_again_so_a_rotated_ca_takes_effect()
    {
        var verified = Counting();
        Assert.True(verified.Verify(_client, _roots, Now, out _));

        X509Certificate2Collection rotated = [_otherCa];
        Assert.False(verified.Verify(_client, rotated, Now.AddSeconds(1), out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Equal(2, _checks);
    }

    [Fact]
    public void A_rejection_is_not_remembered()
    {
        var verified = Counting();
        X509Certificate2Collection wrong = [_otherCa];

        Assert.False(verified.Verify(_client, wrong, Now, out _));
        Assert.False(verified.Verify(_client, wrong, Now, out _));

        Assert.Equal(2, _checks);
    }

    [Fact]
    public void A_verdict_never_outlives_the_certificate()
    {
        using var shortLived = CertificateFactory.CreateClient(_ca, "bob", [], Issued, TimeSpan.FromDays(10) + TimeSpan.FromSeconds(30));
        var verified = Counting();

        Assert.True(verified.Verify(shortLived, _roots, Now, out _));
        // Past NotAfter, within the max age: the real check runs again and refuses the expired certificate.
        Assert.False(verified.Verify(shortLived, _roots, Now.AddSeconds(45), out _));
        Assert.Equal(2, _checks);
    }

    [Fact]
    public void Two_bundles_are_remembered_side_by_side()
    {
        var verified = Counting();
        X509Certificate2Collection frontProxyRoots = [_ca];

        Assert.True(verified.Verify(_client, _roots, Now, out _));
        Assert.True(verified.Verify(_client, frontProxyRoots, Now, out _));
        Assert.True(verified.Verify(_client, _roots, Now.AddSeconds(1), out _));
        Assert.True(verified.Verify(_client, frontProxyRoots, Now.AddSeconds(1), out _));

        Assert.Equal(2, _checks);
    }

    private VerifiedCertificates Counting() => new(
        (X509Certificate2 certificate, X509Certificate2Collection roots, X509Certificate2Collection intermediates, DateTimeOffset now, out string? error) =>
        {
            Interlocked.Increment(ref _checks);
            return CertificateVerifier.Verify(certificate, roots, intermediates, now, out error);
        },
        VerifiedCertificates.DefaultMaxAge);
}
