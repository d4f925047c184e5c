using System.Globalization;
using Autoscale.Hosting;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Tls;

namespace Autoscale.MetricsAdapter.Hosting;

/// <summary>
/// Parses <c>--flag=value</c> / <c>--flag value</c> arguments with the names kube aggregated API servers use.
/// Unknown flags and bad values are errors that name the flag.
/// </summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage: Autoscale.MetricsAdapter [serve|compare] [flags]

          serve (default)   run as an aggregated API server in a cluster
                            (to try it without one: dotnet run --project src/Autoscale.Demo)
          compare           diff two adapters' discovery and values side by side (compare --help)
          --preflight       check that installing takes no APIService from another adapter, and exit (--preflight --help)

        Flags:
          --bind-address=ADDR                     address to listen on (default 0.0.0.0)
          --secure-port=N                         HTTPS port of the API (default 6443)
          --metrics-port=N                        plain-HTTP port for /metrics of the adapter itself (default 8080, -1 = off)
          --tls-cert-file=FILE                    serving certificate (PEM); re-read when it changes
          --tls-private-key-file=FILE             serving key (PEM)
          --tls-reload-interval=DURATION          how often the certificate and CA files are checked (default 10s)
          --tls-min-version=VERSION               VersionTLS12 (default) | VersionTLS13
          --tls-cipher-suites=S1,S2,...           TLS 1.2 cipher suites, Go/IANA names (default: ECDHE with AES-GCM or
                                                  ChaCha20-Poly1305 only, no CBC); TLS 1.3 suites are always on
          --max-connections=N                     open connections on the secure port at most (default 1000)
          --idle-connection-timeout=DURATION      close keep-alive connections idle this long (default 90s)
          --tls-handshake-timeout=DURATION        drop connections that do not finish the handshake in time (default 10s)
          --client-ca-file=FILE                   CA for x509 client certificates (default: from the cluster)
          --requestheader-client-ca-file=FILE     CA of the front proxy (default: from the cluster)
          --requestheader-allowed-names=A,B       common names allowed to proxy (default: from the cluster)
          --requestheader-username-headers=H,...  (default X-Remote-User)
          --requestheader-group-headers=H,...     (default X-Remote-Group)
          --requestheader-extra-headers-prefix=P  (default X-Remote-Extra-)
          --authentication-skip-lookup            do not read kube-system/extension-apiserver-authentication
          --authentication-tolerate-lookup-failure  become ready even if that ConfigMap cannot be read
          --authorization-mode=MODE               delegated (SubjectAccessReview, default) | allow-authenticated
          --authorization-always-allow-paths=P,.. paths served without authorization (default /healthz,/readyz,/livez)
          --insecure-dev-mode                     no authentication or authorization at all (local development only)
          --kubeconfig=FILE                       cluster access (default: in-cluster, else $KUBECONFIG or ~/.kube/config)
          --enable-external-metrics               also serve external.metrics.k8s.io/v1beta1
          --keda-scaler-port=N                    serve KEDA's external scaler (gRPC externalscaler.ExternalScaler) on
                                                  this port (default -1 = off); TLS with the API's certificate unless
                                                  the two flags below give its own
          --keda-scaler-tls-cert-file=FILE        its own serving certificate (PEM); re-read when it changes
          --keda-scaler-tls-private-key-file=FILE its own serving key (PEM)
          --keda-scaler-plaintext                 serve it without TLS (h2c; KEDA's trigger without enableTLS)
          --keda-scaler-stream-interval=DURATION  how often an open StreamIsActive re-reads its value (default 5s)
          --config=FILE                           the config file (scrape, discovery, serving, catalog, prometheus);
                                                  re-read when it changes; see src/MetricsAdapter/Config/default-config.yaml
          --check                                 validate --config=FILE as a live reload would, print every error
                                                  naming its field, and exit (0 valid, 1 refused, 2 usage)
          --log-format=FORMAT                     text (default: one line per entry, ISO-8601 UTC time) | json (one
                                                  object per line)
          --log-level=LEVEL                       trace | debug | info (default) | warning | error
          --v=N                                   klog-style verbosity: 4 = debug, 5 or more = trace
          --version                               print the version and commit, and exit
        """;

    /// <summary>Parses flags after the command word. Throws <see cref="ArgumentException"/> naming the bad flag.</summary>
    public static AdapterOptions Parse(IReadOnlyList<string> args, AdapterOptions defaults)
    {
        var options = defaults;
        var auth = defaults.Authentication;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument \"{arg}\"");
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? arg[2..] : arg[2..eq];
            string? inline = eq < 0 ? null : arg[(eq + 1)..];
            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"flag --{name} needs a value");
                }

                return args[++i];
            }

            bool Bool() => inline is null || GoBool(name, inline);

            options = name switch
            {
                "bind-address" => options with { BindAddress = Value() },
                "secure-port" => options with { SecurePort = Port(name, Value(), allowDisabled: false) },
                "metrics-port" => options with { MetricsPort = Port(name, Value(), allowDisabled: true) },
                "tls-cert-file" => options with { TlsCertFile = Value() },
                "tls-private-key-file" => options with { TlsPrivateKeyFile = Value() },
                "tls-reload-interval" => options with { TlsReloadInterval = Positive(name, Duration(name, Value())) },
                "tls-min-version" => options with { Tls = options.Tls with { Protocols = TlsSettings.ParseMinVersion(Value()) } },
                "tls-cipher-suites" => options with { Tls = options.Tls with { Tls12CipherSuites = TlsSettings.ParseCipherSuites(List(Value())) } },
                "max-connections" => options with { Connections = options.Connections with { MaxConnections = Count(name, Value()) } },
                "idle-connection-timeout" => options with { Connections = options.Connections with { IdleTimeout = Positive(name, Duration(name, Value())) } },
                "tls-handshake-timeout" => options with { Connections = options.Connections with { TlsHandshakeTimeout = Positive(name, Duration(name, Value())) } },
                "authorization-mode" => options with { AuthorizationMode = Mode(Value()) },
                "authorization-always-allow-paths" => options with { AlwaysAllowPaths = List(Value()) },
                "insecure-dev-mode" => options with { AuthorizationMode = Bool() ? AuthorizationMode.AlwaysAllow : options.AuthorizationMode },
                "kubeconfig" => options with { Kubeconfig = Value() },
                "enable-external-metrics" => options with { EnableExternalMetrics = Bool() },
                "keda-scaler-port" => options with { KedaScaler = options.KedaScaler with { Port = Port(name, Value(), allowDisabled: true) } },
                "keda-scaler-tls-cert-file" => options with { KedaScaler = options.KedaScaler with { TlsCertFile = Value() } },
                "keda-scaler-tls-private-key-file" => options with { KedaScaler = options.KedaScaler with { TlsPrivateKeyFile = Value() } },
                "keda-scaler-plaintext" => options with { KedaScaler = options.KedaScaler with { Plaintext = Bool() } },
                "keda-scaler-stream-interval" => options with { KedaScaler = options.KedaScaler with { StreamInterval = Positive(name, Duration(name, Value())) } },
                "config" => options with { ConfigFile = ExistingFile(name, Value()) },
                "check" => options with { Check = Bool() },
                "log-format" => options with { Log = options.Log with { Json = LogSettings.ParseJson(Value()) } },
                "log-level" => options with { Log = options.Log with { Level = LogSettings.ParseLevel(Value()) } },
                "v" => options with { Log = options.Log with { Level = LogSettings.ParseVerbosity(Value()) } },
                "client-ca-file" or "requestheader-client-ca-file" or "requestheader-allowed-names" or "requestheader-username-headers"
                    or "requestheader-group-headers" or "requestheader-extra-headers-prefix" or "authentication-skip-lookup"
                    or "authentication-tolerate-lookup-failure" => options,
                _ => throw new ArgumentException($"unknown flag --{name}"),
            };
            auth = name switch
            {
                "client-ca-file" => auth with { ClientCaFile = ExistingFile(name, Value()) },
                "requestheader-client-ca-file" => auth with { RequestHeaderClientCaFile = ExistingFile(name, Value()) },
                "requestheader-allowed-names" => auth with { RequestHeaderAllowedNames = List(Value()) },
                "requestheader-username-headers" => auth with { RequestHeaderUsernameHeaders = List(Value()) },
                "requestheader-group-headers" => auth with { RequestHeaderGroupHeaders = List(Value()) },
                "requestheader-extra-headers-prefix" => auth with { RequestHeaderExtraHeadersPrefix = List(Value()) },
                "authentication-skip-lookup" => auth with { SkipClusterLookup = Bool() },
                "authentication-tolerate-lookup-failure" => auth with { TolerateLookupFailure = Bool() },
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

    /// <summary>Go's <c>strconv.ParseBool</c>, as kube flags read booleans.</summary>
    private static bool GoBool(string flag, string value) => value switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw new ArgumentException($"flag --{flag}: \"{value}\" is not a boolean (true or false)"),
    };

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
