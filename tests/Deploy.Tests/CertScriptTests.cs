using System.Security.Cryptography.X509Certificates;

namespace Autoscale.Deploy.Tests;

/// <summary>deploy/apiservice/no-cert-manager/generate-serving-cert.sh, run for real with --out-dir (no cluster).</summary>
public sealed class CertScriptTests
{
    [Fact]
    public void Generates_a_serving_certificate_the_aggregator_accepts()
    {
        var outDir = Directory.CreateTempSubdirectory("autoscale-certs-");
        try
        {
            var script = Path.Combine(Repo.Deploy, "apiservice", "no-cert-manager", "generate-serving-cert.sh");
            Tool.Run("bash", [script, "--out-dir", outDir.FullName]).OrThrow("generate-serving-cert.sh");

            using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(outDir.FullName, "ca.crt"));
            using var serving = X509Certificate2.CreateFromPemFile(
                Path.Combine(outDir.FullName, "tls.crt"), Path.Combine(outDir.FullName, "tls.key"));

            Assert.True(serving.HasPrivateKey);
            Assert.True(serving.MatchesHostname("autoscale-metrics-adapter.autoscale.svc"));
            Assert.True(serving.MatchesHostname("autoscale-metrics-adapter.autoscale.svc.cluster.local"));
            Assert.False(serving.MatchesHostname("other.autoscale.svc"));
            var eku = serving.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
            Assert.Contains(eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            Assert.True(chain.Build(serving), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Generated_certificates_are_never_committed()
    {
        var gitignore = File.ReadAllLines(Path.Combine(Repo.Root, ".gitignore"));
        Assert.Contains("*.crt", gitignore);
        Assert.Contains("*.key", gitignore);
        var leaked = Directory.EnumerateFiles(Repo.Deploy, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".crt", StringComparison.Ordinal) || f.EndsWith(".key", StringComparison.Ordinal)
                || File.ReadAllText(f).Contains("PRIVATE KEY-----", StringComparison.Ordinal));
        Assert.Empty(leaked);
    }
}
