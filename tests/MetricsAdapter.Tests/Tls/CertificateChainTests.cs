using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Tests.Support;
using Autoscale.MetricsAdapter.Tls;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Tls;

/// <summary>
/// Issue #12 finding 10: a serving certificate file with leaf + intermediate served only the leaf (the aggregator,
/// trusting the root, could not verify it), and client certificates signed by an intermediate were refused even when
/// the client sent the chain.
/// </summary>
public sealed class CertificateChainTests : IDisposable
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(3 * 365);
    private readonly TestPki _pki = new();
    private readonly X509Certificate2 _root = CertificateFactory.CreateCa("chain-root", TestPki.Issued, Validity);
    private readonly X509Certificate2 _intermediate;

    public CertificateChainTests() =>
        _intermediate = CertificateFactory.CreateCa("chain-intermediate", TestPki.Issued, Validity, _root);

    public void Dispose()
    {
        _root.Dispose();
        _intermediate.Dispose();
        _pki.Dispose();
    }

    [Fact]
    public async Task The_serving_certificate_is_sent_with_its_intermediate_and_verifies_against_the_root_alone()
    {
        var leaf = CertificateFactory.CreateServer(_intermediate, ["127.0.0.1", "localhost"], TestPki.Issued, Validity);
        File.WriteAllText(_pki.ServingKeyFile, CertificateFactory.PrivateKeyPem(leaf));
        File.WriteAllText(_pki.ServingCertFile, CertificateFactory.CertificatePem(leaf) + "\n" + CertificateFactory.CertificatePem(_intermediate));
        await using var adapter = await RunningAdapter.StartAsync(_pki, TestFleet.Create(), new FakeTimeProvider(TestFleet.Now));

        var sent = new List<string>();
        var verified = false;
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
                {
                    sent.AddRange(chain!.ChainPolicy.ExtraStore.Select(c => c.Subject));
                    // As the aggregator does: only the root is trusted, nothing is fetched; the server must send the rest.
                    using var check = new X509Chain();
                    check.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    check.ChainPolicy.CustomTrustStore.Add(_root);
                    check.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
                    check.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    check.ChainPolicy.DisableCertificateDownloads = true;
                    verified = check.Build((X509Certificate2)certificate!);
                    return verified;
                },
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = adapter.SecureUri };

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(verified);
        Assert.Contains("CN=chain-intermediate", sent);
    }

    [Fact]
    public async Task A_client_certificate_signed_by_an_intermediate_verifies_when_the_client_sends_the_chain()
    {
        var caFile = _pki.Write("root-ca.crt", CertificateFactory.CertificatePem(_root));
        await using var adapter = await StartWithClientCa(caFile);
        var user = CertificateFactory.CreateClient(_intermediate, "ivy", ["sre"], TestPki.Issued, Validity);

        using var withChain = ClientSending(adapter, SslStreamCertificateContext.Create(user, [_intermediate], offline: true));
        using var response = await withChain.GetAsync(new Uri("/apis/custom.metrics.k8s.io/v1beta2", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Without the intermediate the chain cannot be built: not authenticated.
        using var leafOnly = ClientSending(adapter, SslStreamCertificateContext.Create(user, [], offline: true));
        using var refused = await leafOnly.GetAsync(new Uri("/apis/custom.metrics.k8s.io/v1beta2", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_client_certificate_signed_by_an_intermediate_verifies_when_the_CA_bundle_holds_the_intermediate()
    {
        var caFile = _pki.Write("bundle.crt", CertificateFactory.CertificatePem(_root) + "\n" + CertificateFactory.CertificatePem(_intermediate));
        await using var adapter = await StartWithClientCa(caFile);
        var user = CertificateFactory.CreateClient(_intermediate, "ivy", [], TestPki.Issued, Validity);

        using var client = ClientSending(adapter, SslStreamCertificateContext.Create(user, [], offline: true));
        using var response = await client.GetAsync(new Uri("/apis/custom.metrics.k8s.io/v1beta2", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["resources"]);
    }

    [Fact]
    public void The_verifier_uses_the_intermediates_it_is_given()
    {
        var user = CertificateFactory.CreateClient(_intermediate, "ivy", [], TestPki.Issued, Validity);
        var now = TestPki.Issued.AddDays(1);

        Assert.False(CertificateVerifier.Verify(user, [_root], [], now, out _));
        Assert.True(CertificateVerifier.Verify(user, [_root], [_intermediate], now, out var error), error);
    }

    private Task<RunningAdapter> StartWithClientCa(string caFile) =>
        RunningAdapter.StartAsync(_pki, TestFleet.Create(), new FakeTimeProvider(TestFleet.Now), o => o with
        {
            Authentication = new AuthenticationFlags(ClientCaFile: caFile, SkipClusterLookup: true),
        });

    private HttpClient ClientSending(RunningAdapter adapter, SslStreamCertificateContext context)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificateContext = context,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => _pki.IssuedByServingCa(certificate),
            },
        };
        return new HttpClient(handler) { BaseAddress = adapter.SecureUri };
    }
}
