using System.Net;
using Autoscale.MetricsAdapter.Tests.Support;
using Autoscale.MetricsAdapter.Tls;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Auth;

/// <summary>Issue #12 finding 11: with <c>--authentication-skip-lookup</c>, <c>--client-ca-file</c> was never re-read, so a rotated CA needed a restart.</summary>
public sealed class ClientCaRotationTests : IAsyncLifetime
{
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(10);
    private readonly TestPki _pki = new();
    private readonly FakeTimeProvider _time = new(TestFleet.Now);
    private RunningAdapter _adapter = null!;

    public async Task InitializeAsync() =>
        _adapter = await RunningAdapter.StartAsync(_pki, TestFleet.Create(), _time, o => o with { TlsReloadInterval = ReloadInterval });

    public async Task DisposeAsync()
    {
        await _adapter.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task A_rotated_client_CA_file_is_used_without_a_restart()
    {
        using var rotated = CertificateFactory.CreateCa("rotated-client-ca", TestPki.Issued, TimeSpan.FromDays(3 * 365));
        var newUser = CertificateFactory.CreateClient(rotated, "nina", [], TestPki.Issued, TimeSpan.FromDays(365));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(newUser));

        File.WriteAllText(_pki.ClientCaFile, CertificateFactory.CertificatePem(rotated));

        HttpStatusCode status = default;
        for (var i = 0; i < 100 && status != HttpStatusCode.OK; i++)
        {
            _time.Advance(ReloadInterval);
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
            status = await StatusAsync(newUser);
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(_pki.ClientCertificate("old-ca-user")));
    }

    private async Task<HttpStatusCode> StatusAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        using var client = _adapter.CreateClient(certificate);
        using var response = await client.GetAsync(new Uri("/apis/custom.metrics.k8s.io/v1beta2", UriKind.Relative));
        return response.StatusCode;
    }
}
