using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Autoscale.Testing.KubeApi.Aggregation;

/// <summary>The fields of an apiregistration.k8s.io/v1 APIService the aggregator reads.</summary>
internal sealed record ApiServiceRecord(
    string Name, string Group, string Version, string? ServiceNamespace, string? ServiceName, byte[]? CaBundle, bool InsecureSkipTlsVerify, bool Available)
{
    /// <summary>No service: the group is served by the API server itself (a "Local" APIService).</summary>
    public bool IsLocal => ServiceName is null;

    public string ServerName => $"{ServiceName}.{ServiceNamespace}.svc";

    public static ApiServiceRecord From(JsonObject json)
    {
        var spec = json["spec"] as JsonObject;
        var service = spec?["service"] as JsonObject;
        var caBundle = spec?["caBundle"]?.GetValue<string>() is { Length: > 0 } b64 ? Convert.FromBase64String(b64) : null;
        var available = (json["status"]?["conditions"] as JsonArray)?.Any(c => c?["type"]?.GetValue<string>() == "Available" && c["status"]?.GetValue<string>() == "True") == true;
        return new ApiServiceRecord(
            json["metadata"]?["name"]?.GetValue<string>() ?? "",
            spec?["group"]?.GetValue<string>() ?? "",
            spec?["version"]?.GetValue<string>() ?? "",
            service?["namespace"]?.GetValue<string>(),
            service?["name"]?.GetValue<string>(),
            caBundle,
            spec?["insecureSkipTLSVerify"]?.GetValue<bool>() == true,
            available || service is null);
    }

    /// <summary>The backend's certificate must chain to the APIService's caBundle (unless insecureSkipTLSVerify).</summary>
    public bool Trusts(X509Certificate2 certificate)
    {
        if (InsecureSkipTlsVerify)
        {
            return true;
        }

        if (CaBundle is null)
        {
            return false;
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(System.Text.Encoding.ASCII.GetString(CaBundle));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
