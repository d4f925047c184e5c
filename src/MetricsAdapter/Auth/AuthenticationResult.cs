namespace Autoscale.MetricsAdapter.Auth;

/// <summary>Who the caller is (null when anonymous), how we know, and why a presented credential was rejected.</summary>
internal sealed record AuthenticationResult(UserInfo? User, AuthenticationMethod Method, string? RejectedBecause = null)
{
    public static AuthenticationResult Anonymous { get; } = new(null, AuthenticationMethod.None);
}
