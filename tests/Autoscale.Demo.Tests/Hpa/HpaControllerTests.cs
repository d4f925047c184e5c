using Autoscale.Demo.Hpa;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autoscale.Demo.Tests.Hpa;

/// <summary>The demo's HPA controller loop keeps running through API calls that fail, and stops cleanly.</summary>
public sealed class HpaControllerTests
{
    [Fact]
    public async Task An_unreachable_api_server_is_retried_every_sync_and_never_ends_the_loop()
    {
        // Nothing listens on port 1 of loopback: every list fails to connect (HttpRequestException, not an API error).
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" });
        var controller = new HpaController(client, TimeSpan.FromMilliseconds(20), TimeProvider.System, NullLogger<HpaController>.Instance);
        using var stop = new CancellationTokenSource();

        var loop = controller.RunAsync(stop.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);

        Assert.False(loop.IsCompleted, loop.Exception?.ToString() ?? "the loop ended");
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        Assert.Equal(TaskStatus.RanToCompletion, loop.Status);
    }
}
