using System.Net;
using Autoscale.MetricsAdapter.Tests.Support;
using Autoscale.MetricsAdapter.Tls;

namespace Autoscale.MetricsAdapter.Tests.Auth;

/// <summary>Issue #12 finding 11: with <c>--authentication-skip-lookup</c>, <c>--client-ca-file</c> was never re-read, so a rotated CA needed a restart.</summary>
public sealed class ClientCaRotationTests : IAsyncLifetime
{
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(10);
    private readonly FleetAdapter _rig = new();

    public Task InitializeAsync() => _rig.StartAsync(o => o with { TlsReloadInterval = ReloadInterval });

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Fact]
    public async Task A_rotated_client_CA_file_is_used_without_a_restart()
    {
        using var rotated = CertificateFactory.CreateCa("rotated-client-ca", TestPki.Issued, TimeSpan.FromDays(3 * 365));
        var newUser = CertificateFactory.CreateClient(rotated, "nina", [], TestPki.Issued, TimeSpan.FromDays(365));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(newUser));

        File.WriteAllText(_rig.Pki.ClientCaFile, CertificateFactory.CertificatePem(rotated));

        var status = await _rig.AdvanceUntilAsync(ReloadInterval, () => StatusAsync(newUser), s => s == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(_rig.Pki.ClientCertificate("old-ca-user")));
    }

    private async Task<HttpStatusCode> StatusAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        using var client = _rig.Adapter.CreateClient(certificate);
        using var response = await client.GetAsync(new Uri("/apis/custom.metrics.k8s.io/v1beta2", UriKind.Relative));
        return response.StatusCode;
    }
}
