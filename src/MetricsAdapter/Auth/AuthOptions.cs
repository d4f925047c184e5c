namespace Autoscale.MetricsAdapter.Auth;

/// <summary>Authorization switches.</summary>
/// <param name="AlwaysAllowPaths">Paths served without authorization (and to anonymous callers); a trailing <c>*</c> matches a prefix.</param>
internal sealed record AuthOptions(AuthorizationMode Mode, IReadOnlyList<string> AlwaysAllowPaths)
{
    public static IReadOnlyList<string> DefaultAlwaysAllowPaths { get; } = ["/healthz", "/readyz", "/livez"];

    public bool IsAlwaysAllowed(string path)
    {
        foreach (var allowed in AlwaysAllowPaths)
        {
            if (allowed.EndsWith('*')
                ? path.StartsWith(allowed[..^1], StringComparison.Ordinal)
                : string.Equals(path, allowed, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
