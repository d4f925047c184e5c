using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;

namespace Autoscale.ScrapeBench;

/// <summary>
/// The child process: N emulated vLLM pods on loopback with a light random load (so queue depth and counters move
/// between scrapes), kept apart from the scraper so that the scraper's process measures the adapter alone.
/// </summary>
internal static class PodsCommand
{
    public const string Namespace = "bench";

    public static async Task<int> RunAsync(Cli cli)
    {
        int count = cli.Int("count", 100);
        string ns = cli.String("namespace", Namespace);
        using var stop = new CancellationTokenSource();
        await using var fleet = new EmulatedFleet(TimeProvider.System);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = "vllm", ["app.kubernetes.io/name"] = "vllm" };
        var pods = await fleet.StartAsync(Enumerable.Range(0, count).Select(i => new PodOptions
        {
            Name = PodName(i),
            Namespace = ns,
            Labels = labels,
            Profile = ReplicaProfiles.Llama31_8B_A10G,
        }));
        foreach (var pod in pods)
        {
            await Console.Out.WriteLineAsync($"pod {pod.Name} {pod.Port}");
        }

        await Console.Out.WriteLineAsync("ready");
        await Console.Out.FlushAsync();

        var load = DriveAsync(pods, stop.Token);
        // The parent closes stdin (or dies) to stop us.
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        await stop.CancelAsync();
        await load;
        return 0;
    }

    public static string PodName(int i) => $"vllm-{i:D5}";

    /// <summary>Every 250 ms about one pod in eight gets a burst of 1-6 requests: queues build and drain.</summary>
    private static async Task DriveAsync(IReadOnlyList<EmulatedVllmPod> pods, CancellationToken token)
    {
        var random = new Random(42);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                for (int n = 0; n < Math.Max(1, pods.Count / 8); n++)
                {
                    var pod = pods[random.Next(pods.Count)];
                    for (int r = random.Next(1, 7); r > 0; r--)
                    {
                        pod.Submit(promptTokens: random.Next(200, 4_000), outputTokens: random.Next(50, 600));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
