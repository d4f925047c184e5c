using System.Security.Cryptography.X509Certificates;
using Autoscale.MetricsAdapter.Tests.Support;

namespace Autoscale.MetricsAdapter.Tests.Tls;

public sealed class ServingCertificateRotationTests : IAsyncLifetime
{
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(10);
    private readonly FleetAdapter _rig = new();

    public Task InitializeAsync() => _rig.StartAsync(o => o with { TlsReloadInterval = ReloadInterval });

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Fact]
    public async Task New_connections_get_the_new_certificate_after_the_files_change()
    {
        var before = await ServedCertificateAsync();
        var rotated = _rig.Pki.WriteServing("rotated.autoscale.test");

        var after = await WaitForAsync(c => c.Thumbprint == rotated.Thumbprint);

        Assert.NotEqual(before.Thumbprint, after.Thumbprint);
        Assert.Contains("rotated.autoscale.test", after.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_pair_keeps_the_current_certificate()
    {
        var before = await ServedCertificateAsync();
        File.WriteAllText(_rig.Pki.ServingCertFile, "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");
        _rig.Time.Advance(ReloadInterval);
        await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);

        var after = await ServedCertificateAsync();

        Assert.Equal(before.Thumbprint, after.Thumbprint);

        // And a good pair written later is picked up.
        var fixedPair = _rig.Pki.WriteServing("fixed.autoscale.test");
        Assert.Equal(fixedPair.Thumbprint, (await WaitForAsync(c => c.Thumbprint == fixedPair.Thumbprint)).Thumbprint);
    }

    private async Task<X509Certificate2> WaitForAsync(Func<X509Certificate2, bool> condition)
    {
        var served = await _rig.AdvanceUntilAsync(ReloadInterval, ServedCertificateAsync, condition);
        return condition(served) ? served : throw new TimeoutException("the rotated certificate was never served");
    }

    private async Task<X509Certificate2> ServedCertificateAsync()
    {
        X509Certificate2? seen = null;
        using var client = _rig.Adapter.CreateClient(onServerCertificate: c => seen = X509CertificateLoader.LoadCertificate(c.RawData));
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return seen ?? throw new InvalidOperationException("no server certificate seen");
    }
}
