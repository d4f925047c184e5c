using System.Security.Cryptography.X509Certificates;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Tls;
using BenchmarkDotNet.Attributes;

namespace Autoscale.Benchmarks;

/// <summary>
/// What authenticating one request by client certificate costs: building the X509 chain against the client CA
/// (what every request paid before) against the per-connection verdict that <see cref="VerifiedCertificates"/> keeps.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CertificateVerifyBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly VerifiedCertificates _verified = new();
    private X509Certificate2 _ca = null!;
    private X509Certificate2 _client = null!;
    private X509Certificate2Collection _roots = null!;

    [GlobalSetup]
    public void Setup()
    {
        var issued = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _ca = CertificateFactory.CreateCa("bench-ca", issued, TimeSpan.FromDays(365));
        _client = CertificateFactory.CreateClient(_ca, "system:kube-aggregator", ["system:masters"], issued, TimeSpan.FromDays(365));
        _roots = [_ca];
        _verified.Verify(_client, _roots, Now, out _);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _ca.Dispose();
    }

    [Benchmark(Baseline = true)]
    public bool BuildChainEveryRequest() => CertificateVerifier.Verify(_client, _roots, Now, out _);

    [Benchmark]
    public bool RememberedPerConnection() => _verified.Verify(_client, _roots, Now, out _);
}
