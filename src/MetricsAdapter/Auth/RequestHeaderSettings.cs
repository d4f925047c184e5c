using System.Security.Cryptography.X509Certificates;

namespace Autoscale.MetricsAdapter.Auth;

/// <summary>
/// Front-proxy (request-header) authentication: which CA must have signed the proxy's client certificate, which
/// common names may proxy, and where the identity headers are. Defaults are kube-apiserver's.
/// </summary>
internal sealed record RequestHeaderSettings(
    X509Certificate2Collection ClientCa,
    IReadOnlyList<string> AllowedNames,
    IReadOnlyList<string> UsernameHeaders,
    IReadOnlyList<string> GroupHeaders,
    IReadOnlyList<string> ExtraHeaderPrefixes,
    IReadOnlyList<string> UidHeaders)
{
    public static IReadOnlyList<string> DefaultUsernameHeaders { get; } = ["X-Remote-User"];
    public static IReadOnlyList<string> DefaultGroupHeaders { get; } = ["X-Remote-Group"];
    public static IReadOnlyList<string> DefaultExtraHeaderPrefixes { get; } = ["X-Remote-Extra-"];

    /// <summary>Every header name this authenticator reads; these are removed from every request, verified or not.</summary>
    public IEnumerable<string> AllHeaderNames => UsernameHeaders.Concat(GroupHeaders).Concat(UidHeaders);
}
