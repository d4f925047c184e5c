namespace Autoscale.ScaleController.Tests.Kube;

/// <summary>Polls a condition on the real clock (the controller under test runs on it too).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > timeout)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds:0.#}s waiting for: {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), TimeProvider.System);
        }
    }
}
