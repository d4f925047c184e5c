using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Tests.Support;
using Autoscale.MetricsAdapter.Tls;

namespace Autoscale.MetricsAdapter.Tests.Tls;

/// <summary>
/// Issue #12 finding 11: TLS 1.2 offered CBC suites Go's defaults do not; <c>--tls-min-version</c> and
/// <c>--tls-cipher-suites</c> as kube-apiserver has them.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TlsSettingsTests : IAsyncLifetime
{
    private readonly FleetAdapter _rig = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Theory]
    [InlineData(SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, true)]
    [InlineData(SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, true)]
    [InlineData(SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, false)]
    [InlineData(SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, false)]
    [InlineData(SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, false)]
    [InlineData(SslProtocols.Tls13, TlsCipherSuite.TLS_AES_128_GCM_SHA256, true)]
    public async Task By_default_TLS_1_2_offers_only_ECDHE_with_AEAD_suites(SslProtocols protocol, TlsCipherSuite suite, bool accepted)
    {
        await _rig.StartAsync();

        Assert.Equal(accepted, await HandshakeAsync(protocol, suite));
    }

    [Fact]
    public async Task Min_version_TLS13_refuses_TLS12_clients()
    {
        await _rig.StartAsync(o => CommandLine.Parse(["--tls-min-version=VersionTLS13"], o));

        Assert.False(await HandshakeAsync(SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256));
        Assert.True(await HandshakeAsync(SslProtocols.Tls13, TlsCipherSuite.TLS_AES_256_GCM_SHA384));
    }

    [Fact]
    public async Task Cipher_suites_flag_limits_TLS12_to_the_named_suites()
    {
        await _rig.StartAsync(o => CommandLine.Parse(["--tls-cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"], o));

        Assert.True(await HandshakeAsync(SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384));
        Assert.False(await HandshakeAsync(SslProtocols.Tls12, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256));
    }

    [Fact]
    public void Flags_take_Go_names_and_refuse_unknown_ones()
    {
        var options = CommandLine.Parse(
            ["--tls-min-version=VersionTLS13", "--tls-cipher-suites=TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_AES_128_GCM_SHA256"],
            new AdapterOptions());

        Assert.Equal(SslProtocols.Tls13, options.Tls.Protocols);
        Assert.Equal([TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256], options.Tls.Tls12CipherSuites);
        Assert.Contains("unknown cipher suite \"TLS_FAKE\"", Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--tls-cipher-suites=TLS_FAKE"], new AdapterOptions())).Message, StringComparison.Ordinal);
        Assert.Contains("TLS 1.0 and 1.1 are never offered", Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--tls-min-version=VersionTLS10"], new AdapterOptions())).Message, StringComparison.Ordinal);
        Assert.Contains("is not one of VersionTLS12, VersionTLS13", Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--tls-min-version=1.2"], new AdapterOptions())).Message, StringComparison.Ordinal);
    }

    /// <summary>True when a client offering only <paramref name="suite"/> over <paramref name="protocol"/> completes a request.</summary>
    private async Task<bool> HandshakeAsync(SslProtocols protocol, TlsCipherSuite suite)
    {
        var tls = _rig.Pki.ClientTls();
        tls.EnabledSslProtocols = protocol;
        tls.CipherSuitesPolicy = new CipherSuitesPolicy([suite]);
        using var handler = new SocketsHttpHandler { SslOptions = tls };
        using var client = new HttpClient(handler) { BaseAddress = _rig.Adapter.SecureUri };
        try
        {
            using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
