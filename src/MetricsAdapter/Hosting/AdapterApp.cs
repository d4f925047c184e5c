using Autoscale.Hosting;
using System.Net;
using Autoscale.MetricsAdapter.Api;
using Autoscale.MetricsAdapter.Api.Keda;
using Autoscale.MetricsAdapter.Api.OpenApi;
using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Telemetry;
using Autoscale.MetricsAdapter.Tls;
using k8s;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Prometheus;
using Autoscale.MetricsAdapter.Hosting.Health;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Hosting;

/// <summary>
/// The composition root: sources → store → catalog → API (+ auth), on Kestrel with the secure port (HTTPS, the API)
/// and a plain-HTTP metrics port.
/// </summary>
internal static partial class AdapterApp
{
    /// <summary>
    /// The whole adapter in one layer, as metrics-server's <c>Complete()</c>: every part is a singleton built from
    /// <paramref name="options"/> and <paramref name="config"/>; <paramref name="feed"/> adds the hosted services that
    /// fill the store (in a cluster the <see cref="AdapterPipeline"/> and the config file watcher, in the demo the
    /// pipeline and the demo fleet, in API tests nothing: the test fills the store).
    /// </summary>
    /// <param name="kubernetes">The cluster client; null: built from the options when authentication or authorization asks the cluster.</param>
    public static WebApplication Build(
        AdapterOptions options, CurrentAdapterConfig config, MetricStore store, CollectorRegistry registry, IKubernetes? kubernetes, TimeProvider time,
        Action<IServiceCollection> feed, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.Logging.ClearProviders();
        // Log timestamps are wall-clock time even when the adapter runs on a test clock.
        builder.Logging.AddAutoscaleConsole(options.Log, TimeProvider.System);
        logging?.Invoke(builder.Logging);

        var needsCluster = !options.Authentication.SkipClusterLookup || options.AuthorizationMode == AuthorizationMode.Delegated;
        kubernetes ??= needsCluster ? CreateClient(options) : null;
        var cipherSuites = options.Tls.CipherSuitesPolicy();
        var clientChains = new ClientChains();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var serving = kestrel.ApplicationServices.GetRequiredService<ServingCertificate>();
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.Limits.MaxConcurrentConnections = options.Connections.MaxConnections;
            kestrel.Limits.KeepAliveTimeout = options.Connections.IdleTimeout;
            // Far above the app's own header limits (AdapterApi.RejectOversizedHeaders answers those per request):
            // Kestrel's HTTP/2 refusal of a header block is a GOAWAY for the whole connection.
            kestrel.Limits.MaxRequestHeadersTotalSize = ConnectionLimits.TransportMaxHeaderBytes;
            kestrel.Limits.MaxRequestHeaderCount = ConnectionLimits.TransportMaxHeaderCount;
            kestrel.Limits.Http2.MaxRequestHeaderFieldSize = ConnectionLimits.TransportMaxHeaderBytes;
            var address = IPAddress.Parse(options.BindAddress);
            var https = ServingTls.Options(serving, options.Tls, cipherSuites, options.Connections.TlsHandshakeTimeout);
            // Ask for a client certificate but verify it in the authenticator, against the right CA
            // (front-proxy or client CA); a caller without one may still present a bearer token.
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.ClientCertificateValidation = (certificate, chain, _) =>
            {
                // Keep the intermediates the client sent (upstream verifies with PeerCertificates[1:]).
                clientChains.Remember(certificate, chain);
                return true;
            };
            kestrel.Listen(address, options.SecurePort, listen => listen.UseHttps(https));
            if (options.MetricsPort >= 0)
            {
                kestrel.Listen(address, options.MetricsPort);
            }
        });

        ProcessMetrics.Register(registry, "autoscale_adapter_build_info", ThisBuild.Current);
        var metrics = new AdapterMetrics(registry);
        var services = builder.Services;
        services.AddSingleton(time);
        services.AddSingleton(options);
        services.AddSingleton(config);
        services.AddSingleton(store);
        services.AddSingleton(registry);
        services.AddSingleton(metrics);
        services.AddSingleton(new ScrapeTargets());
        services.AddSingleton(new SourceHeartbeat(config.Current.Scrape.Interval));
        services.AddSingleton(sp => new ServingCertificate(
            options.TlsCertFile, options.TlsPrivateKeyFile, options.SelfSignedNames, time, options.TlsReloadInterval, sp.GetRequiredService<ILogger<ServingCertificate>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ServingCertificate>());

        // The pipeline is what the API reads through: the catalog being served (the config's, or Prometheus rules'),
        // the rule values, and why the source is failing. It runs only when the feed adds it as a hosted service.
        services.AddSingleton(sp => new AdapterPipeline(
            config, store, sp.GetRequiredService<ScrapeTargets>(), sp.GetRequiredService<SourceHeartbeat>(), registry, kubernetes, time, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp =>
        {
            var pipeline = sp.GetRequiredService<AdapterPipeline>();
            return new CatalogMetricsProvider(store, () => pipeline.Catalog, () => config.Current.Serving, time, () => pipeline.Rules);
        });
        services.AddSingleton<ICustomMetricsProvider>(sp => sp.GetRequiredService<CatalogMetricsProvider>());
        services.AddSingleton<IExternalMetricsProvider>(sp => sp.GetRequiredService<CatalogMetricsProvider>());
        services.AddSingleton(sp =>
        {
            var pipeline = sp.GetRequiredService<AdapterPipeline>();
            return new CurrentOpenApiDocuments(options.EnableExternalMetrics, () => pipeline.Catalog);
        });
        services.AddSingleton<Readiness>();
        services.AddSingleton<IServingState>(sp => sp.GetRequiredService<Readiness>());
        services.AddSingleton(new AuthOptions(options.AuthorizationMode, options.AlwaysAllowPaths));

        if (kubernetes is not null)
        {
            services.AddSingleton(kubernetes);
        }

        services.AddSingleton(sp => new CurrentAuthenticationSettings(options.Authentication, sp.GetRequiredService<ILogger<CurrentAuthenticationSettings>>()));
        if (options.Authentication.SkipClusterLookup
            && (options.Authentication.ClientCaFile is not null || options.Authentication.RequestHeaderClientCaFile is not null))
        {
            services.AddHostedService(sp => new AuthenticationFileWatcher(sp.GetRequiredService<CurrentAuthenticationSettings>(), time, options.TlsReloadInterval));
        }

        if (kubernetes is not null && !options.Authentication.SkipClusterLookup)
        {
            services.AddHostedService(sp => new AuthenticationSettingsRefresher(
                sp.GetRequiredService<CurrentAuthenticationSettings>(), kubernetes, time, options.AuthenticationConfigRefresh));
        }

        if (kubernetes is not null)
        {
            services.AddSingleton(sp => new TokenReviewAuthenticator(kubernetes, time, options.TokenCacheTtl, sp.GetRequiredService<ILogger<TokenReviewAuthenticator>>()));
            if (options.AuthorizationMode == AuthorizationMode.Delegated)
            {
                services.AddSingleton(new SubjectAccessReviewAuthorizer(kubernetes, time, options.AuthorizedCacheTtl, options.UnauthorizedCacheTtl));
            }
        }

        services.AddSingleton(sp => new RequestAuthenticator(
            () => sp.GetRequiredService<CurrentAuthenticationSettings>().Current,
            sp.GetService<TokenReviewAuthenticator>(),
            time,
            chains: clientChains));

        if (options.KedaScaler.Enabled)
        {
            services.AddSingleton(sp => new ScalerValues(
                sp.GetRequiredService<ICustomMetricsProvider>(), store, sp.GetRequiredService<IServingState>()));
            services.AddSingleton(sp => new KedaScaler(
                sp.GetRequiredService<ScalerValues>(), time, options.KedaScaler.StreamInterval, metrics, sp.GetRequiredService<ILogger<KedaScaler>>()));
            services.AddSingleton(sp => new KedaScalerHost(
                options, sp.GetRequiredService<KedaScaler>(), sp.GetRequiredService<ServingCertificate>(), time, sp.GetRequiredService<ILoggerFactory>()));
            services.AddHostedService(sp => sp.GetRequiredService<KedaScalerHost>());
        }

        feed(services);

        var app = builder.Build();
        // Made now, not when Kestrel starts: a certificate that cannot be read fails the build with its reason.
        app.Services.GetRequiredService<ServingCertificate>();
        LogStarting(app.Logger, ThisBuild.Current.Version, ThisBuild.Current.Commit, options.AuthorizationMode.ToString(), options.SecurePort);
        if (options.AuthorizationMode == AuthorizationMode.AlwaysAllow)
        {
            LogInsecure(app.Logger);
        }

        // The plain-HTTP port serves only the adapter's own metrics.
        app.UseWhen(ctx => !ctx.Request.IsHttps, plain => plain.Run(async ctx =>
        {
            if (ctx.Request.Path == "/metrics")
            {
                ctx.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await registry.CollectAndExportAsTextAsync(ctx.Response.Body, ctx.RequestAborted);
                return;
            }

            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
        }));
        app.Use(async (ctx, next) =>
        {
            var started = time.GetTimestamp();
            try
            {
                await next();
            }
            finally
            {
                metrics.RequestDuration.WithLabels(RouteKind(ctx.Request.Path.Value ?? "/"), ctx.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Observe(time.GetElapsedTime(started).TotalSeconds);
            }
        });
        app.Use(AdapterApi.RejectOversizedHeaders);
        app.Use(AdapterApi.RejectNonGet);
        app.Use(AdapterApi.ReadPath);
        app.UseMiddleware<AuthMiddleware>();
        app.Use(AdapterApi.RequireServedPath(options.EnableExternalMetrics));
        // Routing only now, on the canonical path ReadPath set (WebApplication would otherwise route first).
        app.UseRouting();
        AdapterApi.Map(app, options.EnableExternalMetrics);
        HealthEndpoints.Map(app);
        return app;
    }

    /// <summary>
    /// The cluster client: from <c>--kubeconfig</c>, else in-cluster, else <c>$KUBECONFIG</c> or <c>~/.kube/config</c>
    /// (as the controller and kubectl). With none of them it refuses to start: the client library would otherwise aim at
    /// http://localhost:8080 and every request would fail with "connection refused".
    /// </summary>
    /// <exception cref="StartupException">No kubeconfig is found, or it cannot be used (e.g. its user has no credentials).</exception>
    public static IKubernetes CreateClient(AdapterOptions options)
    {
        try
        {
            return new k8s.Kubernetes(options.Kubeconfig is { } path
                ? KubernetesClientConfiguration.BuildConfigFromConfigFile(path)
                : DefaultConfiguration());
        }
        catch (Exception ex) when (ex is k8s.Exceptions.KubeConfigException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException
                                   or YamlDotNet.Core.YamlException or FormatException)
        {
            throw new StartupException($"cannot use the kubeconfig {options.Kubeconfig ?? "(in-cluster or ~/.kube/config)"}: {ex.Message}", ex);
        }
    }

    private static KubernetesClientConfiguration DefaultConfiguration()
    {
        if (KubernetesClientConfiguration.IsInCluster())
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("KUBECONFIG");
        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify), ".kube", "config");
        if (string.IsNullOrEmpty(fromEnvironment) && !File.Exists(home))
        {
            throw new StartupException(
                $"no kubeconfig found: not running in a cluster, $KUBECONFIG is unset and {home} does not exist; pass --kubeconfig=FILE "
                + "(or try it locally without a cluster: Autoscale.MetricsAdapter demo)");
        }

        // $KUBECONFIG may list several files; the library merges them as kubectl does.
        return KubernetesClientConfiguration.BuildDefaultConfig();
    }

    /// <summary>The ports Kestrel actually bound (useful with port 0): the secure port first.</summary>
    public static IReadOnlyList<Uri> BoundAddresses(WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).OrderBy(u => u.Scheme == "https" ? 0 : 1)];

    /// <summary>A bounded label for self-metrics.</summary>
    internal static string RouteKind(string path)
    {
        if (path.StartsWith(AdapterApi.CustomPrefix, StringComparison.Ordinal))
        {
            var depth = path.Count(c => c == '/');
            return depth <= 3 ? "discovery" : path.Contains("/pods/", StringComparison.Ordinal) ? "custom_pods" : "custom_object";
        }

        if (path.StartsWith(AdapterApi.ExternalPrefix, StringComparison.Ordinal))
        {
            return path.Count(c => c == '/') <= 3 ? "discovery" : "external";
        }

        return path switch
        {
            "/apis" => "discovery",
            "/healthz" or "/livez" or "/readyz" => "health",
            _ when path.StartsWith("/openapi", StringComparison.Ordinal) => "openapi",
            _ => "other",
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Autoscale metrics adapter {Version} (commit {Commit}) starting: authorization {Mode}, secure port {Port}")]
    private static partial void LogStarting(ILogger logger, string version, string commit, string mode, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "INSECURE DEV MODE: no authentication and no authorization. Never run this in a cluster.")]
    private static partial void LogInsecure(ILogger logger);
}
