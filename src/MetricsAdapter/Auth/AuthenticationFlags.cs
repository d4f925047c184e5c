namespace Autoscale.MetricsAdapter.Auth;

/// <summary>Authentication as given on the command line; any value set here wins over the cluster ConfigMap.</summary>
internal sealed record AuthenticationFlags(
    string? ClientCaFile = null,
    string? RequestHeaderClientCaFile = null,
    IReadOnlyList<string>? RequestHeaderAllowedNames = null,
    IReadOnlyList<string>? RequestHeaderUsernameHeaders = null,
    IReadOnlyList<string>? RequestHeaderGroupHeaders = null,
    IReadOnlyList<string>? RequestHeaderExtraHeadersPrefix = null,
    bool SkipClusterLookup = false,
    bool TolerateLookupFailure = false);
