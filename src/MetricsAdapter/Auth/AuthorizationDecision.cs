namespace Autoscale.MetricsAdapter.Auth;

/// <summary>An authorizer's answer: allowed or not, the reviewer's reason, and where the answer came from (self-metrics label).</summary>
internal sealed record AuthorizationDecision(bool Allowed, string? Reason, string Source);
