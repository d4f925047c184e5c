using Autoscale.Hosting;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Tls;

namespace Autoscale.MetricsAdapter.Hosting;

/// <summary>Everything the adapter is started with (flags); validated by <see cref="CommandLine"/>.</summary>
internal sealed record AdapterOptions
{
    public string BindAddress { get; init; } = "0.0.0.0";

    /// <summary><c>--log-format</c>, <c>--log-level</c>, <c>--v</c>.</summary>
    public LogSettings Log { get; init; } = LogSettings.Default;

    public int SecurePort { get; init; } = 6443;

    /// <summary>Plain-HTTP port for the adapter's own /metrics; -1 disables it.</summary>
    public int MetricsPort { get; init; } = 8080;

    public string? TlsCertFile { get; init; }

    public string? TlsPrivateKeyFile { get; init; }

    public TimeSpan TlsReloadInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>TLS versions and TLS 1.2 cipher suites (<c>--tls-min-version</c>, <c>--tls-cipher-suites</c>).</summary>
    public TlsSettings Tls { get; init; } = TlsSettings.Default;

    /// <summary>Connection count and timeouts on the secure port.</summary>
    public ConnectionLimits Connections { get; init; } = ConnectionLimits.Default;

    /// <summary>Names on the self-signed certificate made when no files are given.</summary>
    public IReadOnlyList<string> SelfSignedNames { get; init; } = ["localhost", "127.0.0.1"];

    public AuthenticationFlags Authentication { get; init; } = new();

    public AuthorizationMode AuthorizationMode { get; init; } = AuthorizationMode.Delegated;

    public IReadOnlyList<string> AlwaysAllowPaths { get; init; } = AuthOptions.DefaultAlwaysAllowPaths;

    public TimeSpan TokenCacheTtl { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan AuthorizedCacheTtl { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan UnauthorizedCacheTtl { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan AuthenticationConfigRefresh { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Kubeconfig for the cluster; null means in-cluster config (or ~/.kube/config outside a cluster).</summary>
    public string? Kubeconfig { get; init; }

    public bool EnableExternalMetrics { get; init; }

    /// <summary>The KEDA external scaler (<c>--keda-scaler-*</c>); off by default.</summary>
    public KedaScalerOptions KedaScaler { get; init; } = new();

    /// <summary>The config file (scrape, discovery, serving, catalog, prometheus); null: the defaults.</summary>
    public string? ConfigFile { get; init; }

    /// <summary><c>--check</c>: validate <see cref="ConfigFile"/> and exit instead of serving.</summary>
    public bool Check { get; init; }
}
