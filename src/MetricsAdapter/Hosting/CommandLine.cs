using System.Globalization;
using Autoscale.Hosting;
using Autoscale.Hosting.Flags;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Tls;

namespace Autoscale.MetricsAdapter.Hosting;

/// <summary>
/// The serve flags, with the names kube aggregated API servers use, declared once in a <see cref="FlagSet"/> that
/// parses them and writes <see cref="Usage"/>. Unknown flags and bad values are errors that name the flag.
/// </summary>
internal static class CommandLine
{
    private static readonly FlagSet Flags = new FlagSet()
        .Value("bind-address", "ADDR", "address to listen on (default 0.0.0.0)")
        .Value("secure-port", "N", "HTTPS port of the API (default 6443)")
        .Value("metrics-port", "N", "plain-HTTP port for /metrics of the adapter itself (default 8080, -1 = off)")
        .Value("tls-cert-file", "FILE", "serving certificate (PEM); re-read when it changes")
        .Value("tls-private-key-file", "FILE", "serving key (PEM)")
        .Value("tls-reload-interval", "DURATION", "how often the certificate and CA files are checked (default 10s)")
        .Value("tls-min-version", "VERSION", "VersionTLS12 (default) | VersionTLS13")
        .Value("tls-cipher-suites", "S1,S2,...", "TLS 1.2 cipher suites, Go/IANA names (default: ECDHE with AES-GCM or\nChaCha20-Poly1305 only, no CBC); TLS 1.3 suites are always on")
        .Value("max-connections", "N", "open connections on the secure port at most (default 1000)")
        .Value("idle-connection-timeout", "DURATION", "close keep-alive connections idle this long (default 90s)")
        .Value("tls-handshake-timeout", "DURATION", "drop connections that do not finish the handshake in time (default 10s)")
        .Value("client-ca-file", "FILE", "CA for x509 client certificates (default: from the cluster)")
        .Value("requestheader-client-ca-file", "FILE", "CA of the front proxy (default: from the cluster)")
        .Value("requestheader-allowed-names", "A,B", "common names allowed to proxy (default: from the cluster)")
        .Value("requestheader-username-headers", "H,...", "(default X-Remote-User)")
        .Value("requestheader-group-headers", "H,...", "(default X-Remote-Group)")
        .Value("requestheader-extra-headers-prefix", "P", "(default X-Remote-Extra-)")
        .Bool("authentication-skip-lookup", "do not read kube-system/extension-apiserver-authentication")
        .Bool("authentication-tolerate-lookup-failure", "become ready even if that ConfigMap cannot be read")
        .Value("authorization-mode", "MODE", "delegated (SubjectAccessReview, default) | allow-authenticated")
        .Value("authorization-always-allow-paths", "P,..", "paths served without authorization (default /healthz,/readyz,/livez)")
        .Bool("insecure-dev-mode", "no authentication or authorization at all (local development only)")
        .Value("kubeconfig", "FILE", "cluster access (default: in-cluster, else $KUBECONFIG or ~/.kube/config)")
        .Bool("enable-external-metrics", "also serve external.metrics.k8s.io/v1beta1")
        .Value("keda-scaler-port", "N", "serve KEDA's external scaler (gRPC externalscaler.ExternalScaler) on\nthis port (default -1 = off); TLS with the API's certificate unless\nthe two flags below give its own")
        .Value("keda-scaler-tls-cert-file", "FILE", "its own serving certificate (PEM); re-read when it changes")
        .Value("keda-scaler-tls-private-key-file", "FILE", "its own serving key (PEM)")
        .Bool("keda-scaler-plaintext", "serve it without TLS (h2c; KEDA's trigger without enableTLS)")
        .Value("keda-scaler-stream-interval", "DURATION", "how often an open StreamIsActive re-reads its value (default 5s)")
        .Value("config", "FILE", "the config file (scrape, discovery, serving, catalog, prometheus);\nre-read when it changes; see src/MetricsAdapter/Config/default-config.yaml")
        .Bool("check", "validate --config=FILE as a live reload would, print every error\nnaming its field, and exit (0 valid, 1 refused, 2 usage)")
        .Also(LogSettings.Declare);

    public static string Usage { get; } = """
        Usage: Autoscale.MetricsAdapter [serve|compare] [flags]

          serve (default)   run as an aggregated API server in a cluster
                            (to try it without one: dotnet run --project src/Autoscale.Demo)
          compare           diff two adapters' discovery and values side by side (compare --help)
          --preflight       check that installing takes no APIService from another adapter, and exit (--preflight --help)

        Flags:

        """ + Flags.Help();

    /// <summary>Parses flags after the command word. Throws <see cref="ArgumentException"/> naming the bad flag.</summary>
    public static AdapterOptions Parse(IReadOnlyList<string> args, AdapterOptions defaults)
    {
        var options = defaults;
        var auth = defaults.Authentication;
        foreach (var (name, value) in Flags.Parse(args).Given)
        {
            var on = value == "true";
            options = name switch
            {
                "bind-address" => options with { BindAddress = value },
                "secure-port" => options with { SecurePort = Port(name, value, allowDisabled: false) },
                "metrics-port" => options with { MetricsPort = Port(name, value, allowDisabled: true) },
                "tls-cert-file" => options with { TlsCertFile = value },
                "tls-private-key-file" => options with { TlsPrivateKeyFile = value },
                "tls-reload-interval" => options with { TlsReloadInterval = Positive(name, Duration(name, value)) },
                "tls-min-version" => options with { Tls = options.Tls with { Protocols = TlsSettings.ParseMinVersion(value) } },
                "tls-cipher-suites" => options with { Tls = options.Tls with { Tls12CipherSuites = TlsSettings.ParseCipherSuites(List(value)) } },
                "max-connections" => options with { Connections = options.Connections with { MaxConnections = Count(name, value) } },
                "idle-connection-timeout" => options with { Connections = options.Connections with { IdleTimeout = Positive(name, Duration(name, value)) } },
                "tls-handshake-timeout" => options with { Connections = options.Connections with { TlsHandshakeTimeout = Positive(name, Duration(name, value)) } },
                "authorization-mode" => options with { AuthorizationMode = Mode(value) },
                "authorization-always-allow-paths" => options with { AlwaysAllowPaths = List(value) },
                "insecure-dev-mode" => options with { AuthorizationMode = on ? AuthorizationMode.AlwaysAllow : options.AuthorizationMode },
                "kubeconfig" => options with { Kubeconfig = value },
                "enable-external-metrics" => options with { EnableExternalMetrics = on },
                "keda-scaler-port" => options with { KedaScaler = options.KedaScaler with { Port = Port(name, value, allowDisabled: true) } },
                "keda-scaler-tls-cert-file" => options with { KedaScaler = options.KedaScaler with { TlsCertFile = value } },
                "keda-scaler-tls-private-key-file" => options with { KedaScaler = options.KedaScaler with { TlsPrivateKeyFile = value } },
                "keda-scaler-plaintext" => options with { KedaScaler = options.KedaScaler with { Plaintext = on } },
                "keda-scaler-stream-interval" => options with { KedaScaler = options.KedaScaler with { StreamInterval = Positive(name, Duration(name, value)) } },
                "config" => options with { ConfigFile = ExistingFile(name, value) },
                "check" => options with { Check = on },
                "log-format" or "log-level" or "v" => options with { Log = options.Log.With(name, value)! },
                "client-ca-file" or "requestheader-client-ca-file" or "requestheader-allowed-names" or "requestheader-username-headers"
                    or "requestheader-group-headers" or "requestheader-extra-headers-prefix" or "authentication-skip-lookup"
                    or "authentication-tolerate-lookup-failure" => options,
                "version" => options,
                _ => throw new FlagException($"unknown flag --{name}"),
            };
            auth = name switch
            {
                "client-ca-file" => auth with { ClientCaFile = ExistingFile(name, value) },
                "requestheader-client-ca-file" => auth with { RequestHeaderClientCaFile = ExistingFile(name, value) },
                "requestheader-allowed-names" => auth with { RequestHeaderAllowedNames = List(value) },
                "requestheader-username-headers" => auth with { RequestHeaderUsernameHeaders = List(value) },
                "requestheader-group-headers" => auth with { RequestHeaderGroupHeaders = List(value) },
                "requestheader-extra-headers-prefix" => auth with { RequestHeaderExtraHeadersPrefix = List(value) },
                "authentication-skip-lookup" => auth with { SkipClusterLookup = on },
                "authentication-tolerate-lookup-failure" => auth with { TolerateLookupFailure = on },
                _ => auth,
            };
        }

        if ((options.TlsCertFile is null) != (options.TlsPrivateKeyFile is null))
        {
            throw new ArgumentException("--tls-cert-file and --tls-private-key-file must be given together");
        }

        var keda = options.KedaScaler;
        if ((keda.TlsCertFile is null) != (keda.TlsPrivateKeyFile is null))
        {
            throw new ArgumentException("--keda-scaler-tls-cert-file and --keda-scaler-tls-private-key-file must be given together");
        }

        if (keda.Plaintext && keda.TlsCertFile is not null)
        {
            throw new ArgumentException("--keda-scaler-plaintext and --keda-scaler-tls-cert-file contradict each other: choose one");
        }

        if (!keda.Enabled && (keda.Plaintext || keda.TlsCertFile is not null))
        {
            throw new ArgumentException("--keda-scaler-plaintext and --keda-scaler-tls-* need --keda-scaler-port");
        }

        if (options.Check && options.ConfigFile is null)
        {
            throw new ArgumentException("--check needs --config=FILE");
        }

        return options with { Authentication = auth };
    }

    private static TimeSpan Positive(string flag, TimeSpan value) =>
        value > TimeSpan.Zero ? value : throw new ArgumentException($"flag --{flag}: must be greater than 0");

    private static long Count(string flag, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"flag --{flag}: \"{value}\" is not a positive number");

    private static int Port(string flag, string value, bool allowDisabled)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port)
            || port > 65535 || port < (allowDisabled ? -1 : 0))
        {
            throw new ArgumentException($"flag --{flag}: \"{value}\" is not a port number");
        }

        return port;
    }

    /// <summary>Go-style durations (500ms, 2s, 1m30s, 1h) or plain seconds.</summary>
    internal static TimeSpan Duration(string flag, string value) =>
        GoDuration.TryParseOrSeconds(value, out var duration)
            ? duration
            : throw new ArgumentException($"flag --{flag}: \"{value}\" is not a duration (e.g. 500ms, 2s, 1m30s)");

    private static AuthorizationMode Mode(string value) => value switch
    {
        "delegated" => AuthorizationMode.Delegated,
        "allow-authenticated" => AuthorizationMode.AllowAuthenticated,
        _ => throw new ArgumentException($"flag --authorization-mode: \"{value}\" is not one of delegated, allow-authenticated"),
    };

    private static string[] List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string ExistingFile(string flag, string path) =>
        File.Exists(path) ? path : throw new ArgumentException($"flag --{flag}: file \"{path}\" does not exist");
}
