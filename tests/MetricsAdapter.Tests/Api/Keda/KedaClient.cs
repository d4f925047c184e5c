using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Autoscale.MetricsAdapter.Api.Keda.Protocol;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Tests.Support;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Autoscale.MetricsAdapter.Tests.Api.Keda;

/// <summary>A Grpc.Net.Client channel to a running adapter's KEDA scaler port, as KEDA's client would dial it.</summary>
internal static class KedaClient
{
    public static Uri Address(RunningAdapter adapter) => adapter.Services.GetRequiredService<KedaScalerHost>().Address!;

    /// <summary>Plaintext (h2c), or TLS trusting only <paramref name="trustedCa"/>.</summary>
    public static (GrpcChannel Channel, ExternalScaler.ExternalScalerClient Client) Connect(Uri address, X509Certificate2? trustedCa = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (trustedCa is null || certificate is not X509Certificate2 server)
                    {
                        return false;
                    }

                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(trustedCa);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(server);
                },
            },
        };
        var scheme = trustedCa is null ? "http" : "https";
        var channel = GrpcChannel.ForAddress($"{scheme}://{address.Host}:{address.Port}", new GrpcChannelOptions { HttpHandler = handler });
        return (channel, new ExternalScaler.ExternalScalerClient(channel));
    }

    public static ScaledObjectRef Ref(string scaledObject, params (string Key, string Value)[] metadata)
    {
        var reference = new ScaledObjectRef { Name = scaledObject, Namespace = TestFleet.Ns };
        foreach (var (key, value) in metadata)
        {
            reference.ScalerMetadata[key] = value;
        }

        return reference;
    }
}
