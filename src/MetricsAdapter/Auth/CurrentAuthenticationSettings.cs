using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using k8s;

namespace Autoscale.MetricsAdapter.Auth;

/// <summary>
/// The current <see cref="AuthenticationSettings"/>: from the <c>kube-system/extension-apiserver-authentication</c>
/// ConfigMap that kube-apiserver maintains (re-read periodically so CA rotation takes effect), overridden by flags.
/// A failed or malformed read keeps the last good settings.
/// </summary>
internal sealed partial class CurrentAuthenticationSettings(AuthenticationFlags flags, ILogger<CurrentAuthenticationSettings> logger)
{
    public const string ConfigMapNamespace = "kube-system";
    public const string ConfigMapName = "extension-apiserver-authentication";

    private AuthenticationSettings _current = FromData(flags, new Dictionary<string, string>());
    private IDictionary<string, string> _data = new Dictionary<string, string>();
    private (DateTime, long, DateTime, long) _fileStamp = FileStamp(flags);
    private int _loaded = flags.SkipClusterLookup ? 1 : 0;

    public AuthenticationFlags Flags => flags;

    public AuthenticationSettings Current => Volatile.Read(ref _current);

    /// <summary>True once settings are known (flags only, or the ConfigMap was read once).</summary>
    public bool Loaded => Volatile.Read(ref _loaded) == 1;

    /// <summary>Reads the ConfigMap; returns false (keeping the last good settings) when it cannot.</summary>
    public async Task<bool> RefreshAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            var configMap = await client.CoreV1.ReadNamespacedConfigMapAsync(ConfigMapName, ConfigMapNamespace, cancellationToken: cancellationToken);
            var data = configMap.Data ?? new Dictionary<string, string>();
            var settings = FromData(flags, data);
            _data = data;
            Volatile.Write(ref _current, settings);
            if (Interlocked.Exchange(ref _loaded, 1) == 0)
            {
                LogLoaded(logger, settings.RequestHeader is not null, settings.ClientCa is not null);
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLookupFailed(logger, ConfigMapNamespace, ConfigMapName, ex.Message);
            if (flags.TolerateLookupFailure)
            {
                Volatile.Write(ref _loaded, 1);
            }

            return false;
        }
    }

    /// <summary>
    /// Re-reads <c>--client-ca-file</c> and <c>--requestheader-client-ca-file</c> when they changed (CA rotation with
    /// <c>--authentication-skip-lookup</c>, where no ConfigMap read would pick them up); a bundle that does not load
    /// keeps the last good settings. True when new settings were loaded.
    /// </summary>
    public bool ReloadFiles()
    {
        var stamp = FileStamp(flags);
        if (stamp == _fileStamp)
        {
            return false;
        }

        try
        {
            var settings = FromData(flags, _data);
            _fileStamp = stamp;
            Volatile.Write(ref _current, settings);
            LogFilesReloaded(logger, flags.ClientCaFile ?? "", flags.RequestHeaderClientCaFile ?? "");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            _fileStamp = stamp;
            LogFilesReloadFailed(logger, ex.Message);
            return false;
        }
    }

    private static (DateTime, long, DateTime, long) FileStamp(AuthenticationFlags flags)
    {
        static (DateTime, long) Of(string? path) =>
            path is null ? default : new FileInfo(path) is { Exists: true } f ? (f.LastWriteTimeUtc, f.Length) : default;

        var (clientTime, clientLength) = Of(flags.ClientCaFile);
        var (proxyTime, proxyLength) = Of(flags.RequestHeaderClientCaFile);
        return (clientTime, clientLength, proxyTime, proxyLength);
    }

    internal static AuthenticationSettings FromData(AuthenticationFlags flags, IDictionary<string, string> data)
    {
        var clientCa = Bundle(flags.ClientCaFile is { } f ? File.ReadAllText(f) : Get(data, "client-ca-file"));
        var requestHeaderCa = Bundle(flags.RequestHeaderClientCaFile is { } r ? File.ReadAllText(r) : Get(data, "requestheader-client-ca-file"));
        RequestHeaderSettings? requestHeader = null;
        if (requestHeaderCa is not null)
        {
            requestHeader = new RequestHeaderSettings(
                requestHeaderCa,
                flags.RequestHeaderAllowedNames ?? Strings(data, "requestheader-allowed-names") ?? [],
                flags.RequestHeaderUsernameHeaders ?? Strings(data, "requestheader-username-headers") ?? RequestHeaderSettings.DefaultUsernameHeaders,
                flags.RequestHeaderGroupHeaders ?? Strings(data, "requestheader-group-headers") ?? RequestHeaderSettings.DefaultGroupHeaders,
                flags.RequestHeaderExtraHeadersPrefix ?? Strings(data, "requestheader-extra-headers-prefix") ?? RequestHeaderSettings.DefaultExtraHeaderPrefixes,
                Strings(data, "requestheader-uid-headers") ?? []);
        }

        return new AuthenticationSettings(requestHeader, clientCa);
    }

    private static string? Get(IDictionary<string, string> data, string key) => data.TryGetValue(key, out var value) ? value : null;

    private static X509Certificate2Collection? Bundle(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return null;
        }

        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection.Count == 0 ? null : collection;
    }

    /// <summary>List values in that ConfigMap are JSON arrays encoded as strings.</summary>
    private static string[]? Strings(IDictionary<string, string> data, string key) =>
        data.TryGetValue(key, out var json) && !string.IsNullOrWhiteSpace(json)
            ? JsonSerializer.Deserialize(json, AuthJsonContext.Default.StringArray)
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded authentication settings from the cluster (front-proxy trust: {RequestHeader}, client CA: {ClientCa})")]
    private static partial void LogLoaded(ILogger logger, bool requestHeader, bool clientCa);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded the client CA files (--client-ca-file \"{ClientCa}\", --requestheader-client-ca-file \"{RequestHeaderCa}\")")]
    private static partial void LogFilesReloaded(ILogger logger, string clientCa, string requestHeaderCa);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the client CA files, keeping the last good ones: {Error}")]
    private static partial void LogFilesReloadFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read {Namespace}/{Name}; keeping the last good authentication settings: {Error}")]
    private static partial void LogLookupFailed(ILogger logger, string @namespace, string name, string error);
}
