namespace Autoscale.Kubernetes.Watch;

/// <summary>
/// Exponential backoff with "equal jitter": the n-th consecutive failure waits a random time between half and all of
/// min(max, initial·2ⁿ), so a fleet of clients does not retry in step. A server's Retry-After is a floor.
/// </summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    private int _failures;

    public void Reset() => _failures = 0;

    public TimeSpan Next(TimeSpan? retryAfter)
    {
        var ceiling = initial * Math.Pow(2, Math.Min(_failures, 30));
        if (ceiling > max)
        {
            ceiling = max;
        }

        _failures++;
#pragma warning disable CA5394 // Jitter, not security.
        var delay = ceiling / 2 + ceiling / 2 * Random.Shared.NextDouble();
#pragma warning restore CA5394
        return retryAfter is { } floor && floor > delay ? floor : delay;
    }
}
