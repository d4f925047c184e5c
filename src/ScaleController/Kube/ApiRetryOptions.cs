namespace Autoscale.ScaleController.Kube;

/// <summary>
/// Retries of 429 and 5xx answers: exponential backoff with jitter from <see cref="BaseDelay"/>, a server's
/// Retry-After honoured, at most <see cref="MaxRetries"/> retries per request.
/// </summary>
internal sealed record ApiRetryOptions(int MaxRetries, TimeSpan BaseDelay)
{
    public static ApiRetryOptions Default { get; } = new(5, TimeSpan.FromMilliseconds(500));
}
