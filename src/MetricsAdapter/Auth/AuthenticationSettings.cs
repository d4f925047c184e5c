using System.Security.Cryptography.X509Certificates;

namespace Autoscale.MetricsAdapter.Auth;

/// <summary>The trust the authenticators work with at one moment; replaced whole when the source changes.</summary>
/// <param name="RequestHeader">Front-proxy trust, or null when none is configured (then X-Remote-* headers are never trusted).</param>
/// <param name="ClientCa">CA for plain x509 client certificates (CN = user, O = groups), or null.</param>
internal sealed record AuthenticationSettings(RequestHeaderSettings? RequestHeader, X509Certificate2Collection? ClientCa)
{
    public static AuthenticationSettings None { get; } = new(null, null);
}
