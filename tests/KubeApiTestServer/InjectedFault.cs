namespace Autoscale.Testing.KubeApi;

/// <summary>
/// A failure answered instead of the real response: 429 (reason TooManyRequests, with Retry-After), 500
/// (InternalError), 503 (ServiceUnavailable), 504 (Timeout) or any other code, as a Kubernetes Status.
/// </summary>
public sealed record InjectedFault(int StatusCode, int? RetryAfterSeconds = null, string? Message = null)
{
    public static InjectedFault TooManyRequests(int retryAfterSeconds = 1) => new(429, retryAfterSeconds);

    public static InjectedFault InternalError { get; } = new(500);
}
