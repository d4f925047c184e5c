namespace Autoscale.Testing;

/// <summary>
/// Polls a condition that background loops make true, on the real clock (the code under test runs on it too), and
/// fails with what was awaited once the bound has passed. The one place tests wait.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    public static Task TrueAsync(Func<bool> condition, string what) => TrueAsync(condition, DefaultTimeout, what);

    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#}s waiting for: {what}");
            }

            await Task.Delay(Poll, TimeProvider.System);
        }
    }

    /// <summary>The same for a condition that must itself wait (an HTTP request, say).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#}s waiting for: {what}");
            }

            await Task.Delay(Poll, TimeProvider.System);
        }
    }
}
