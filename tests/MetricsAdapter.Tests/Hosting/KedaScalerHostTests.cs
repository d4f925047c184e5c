using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Tests.Api.Keda;
using Autoscale.MetricsAdapter.Tests.Support;
using Autoscale.MetricsAdapter.Tls;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Hosting;

/// <summary>The scaler's port: off by default, TLS unless plaintext is asked for, with the API's certificate or its own.</summary>
public sealed class KedaScalerHostTests : IDisposable
{
    private readonly TestPki _pki = new();
    private readonly FakeTimeProvider _time = new(TestFleet.Now);

    public void Dispose() => _pki.Dispose();

    [Fact]
    public async Task Off_by_default()
    {
        await using var adapter = await RunningAdapter.StartAsync(_pki, TestFleet.Create(), _time);

        Assert.Null(adapter.Services.GetService<KedaScalerHost>());
        Assert.False(CommandLine.Parse([], new AdapterOptions()).KedaScaler.Enabled);
    }

    [Fact]
    public async Task Serves_TLS_with_the_APIs_certificate_and_refuses_plaintext_callers()
    {
        await using var adapter = await RunningAdapter.StartAsync(_pki, TestFleet.Create(), _time,
            o => o with { KedaScaler = new KedaScalerOptions { Port = 0 } });
        var address = KedaClient.Address(adapter);

        var (tls, client) = KedaClient.Connect(address, _pki.ServingCa);
        using (tls)
        {
            var spec = await client.GetMetricSpecAsync(KedaClient.Ref("llama", ("metric", "vllm_queue_depth"), ("target", "5")));
            Assert.Equal("vllm_queue_depth", Assert.Single(spec.MetricSpecs).MetricName);
        }

        var (plain, plainClient) = KedaClient.Connect(address);
        using (plain)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(async () =>
                await plainClient.GetMetricSpecAsync(KedaClient.Ref("llama", ("metric", "vllm_queue_depth"), ("target", "5"))));
            // The TLS listener never reads the cleartext preface as HTTP/2: it drops the connection (Unavailable) or
            // answers with TLS bytes the client cannot parse as a frame (Internal), whichever the client sees first.
            Assert.Contains(refused.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        }
    }

    [Fact]
    public async Task Serves_TLS_with_its_own_certificate_files()
    {
        using var ca = CertificateFactory.CreateCa("keda-scaler-ca", TestPki.Issued, TimeSpan.FromDays(1000));
        using var own = CertificateFactory.CreateServer(ca, ["127.0.0.1"], TestPki.Issued, TimeSpan.FromDays(1000));
        var key = _pki.Write("scaler.key", CertificateFactory.PrivateKeyPem(own));
        var cert = _pki.Write("scaler.crt", CertificateFactory.CertificatePem(own));
        await using var adapter = await RunningAdapter.StartAsync(_pki, TestFleet.Create(), _time,
            o => o with { KedaScaler = new KedaScalerOptions { Port = 0, TlsCertFile = cert, TlsPrivateKeyFile = key } });

        var (ownChannel, ownClient) = KedaClient.Connect(KedaClient.Address(adapter), ca);
        using (ownChannel)
        {
            Assert.Single((await ownClient.GetMetricSpecAsync(KedaClient.Ref("llama", ("metric", "vllm_queue_depth"), ("target", "5")))).MetricSpecs);
        }

        // A client that trusts only the API's CA does not accept the scaler's own certificate.
        var (apiChannel, apiClient) = KedaClient.Connect(KedaClient.Address(adapter), _pki.ServingCa);
        using (apiChannel)
        {
            await Assert.ThrowsAsync<RpcException>(async () =>
                await apiClient.GetMetricSpecAsync(KedaClient.Ref("llama", ("metric", "vllm_queue_depth"), ("target", "5"))));
        }
    }

    [Fact]
    public void Flags_configure_it()
    {
        var options = CommandLine.Parse(
            ["--keda-scaler-port=6444", "--keda-scaler-plaintext", "--keda-scaler-stream-interval=2s"], new AdapterOptions()).KedaScaler;

        Assert.Equal(new KedaScalerOptions { Port = 6444, Plaintext = true, StreamInterval = TimeSpan.FromSeconds(2) }, options);
    }

    [Theory]
    [InlineData(new[] { "--keda-scaler-plaintext" }, "need --keda-scaler-port")]
    [InlineData(new[] { "--keda-scaler-port=6444", "--keda-scaler-tls-cert-file=/x.crt" }, "must be given together")]
    [InlineData(new[] { "--keda-scaler-port=6444", "--keda-scaler-plaintext", "--keda-scaler-tls-cert-file=/x.crt", "--keda-scaler-tls-private-key-file=/x.key" }, "contradict each other")]
    [InlineData(new[] { "--keda-scaler-port=x" }, "flag --keda-scaler-port: \"x\" is not a port number")]
    [InlineData(new[] { "--keda-scaler-port=6444", "--keda-scaler-stream-interval=0s" }, "flag --keda-scaler-stream-interval: must be greater than 0")]
    public void Contradictory_flags_are_refused(string[] args, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => CommandLine.Parse(args, new AdapterOptions()));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
