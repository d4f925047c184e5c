using Autoscale.Demo;
using Autoscale.Kubectl.Status;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autoscale.Kubectl.Tests.Status;

/// <summary>
/// The test API server with the metrics adapter aggregated behind it and its workload running (the demo's composition
/// on fast timings: pods Ready about 3.5 s after creation), in a throw-away directory.
/// </summary>
public sealed class ClusterWithAdapter : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kubectl-autoscale-" + Guid.NewGuid().ToString("N"));

    internal DemoRun Run { get; private set; } = null!;

    public string Kubeconfig => Run.ClusterKubeconfig;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Run = await DemoRun.StartAsync(FastDemo.Options(_directory) with { KedaScalerPort = -1 }, NullLoggerFactory.Instance);
    }

    public async Task DisposeAsync()
    {
        await Run.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Runs <c>kubectl-autoscale status</c> in-process until <paramref name="done"/> holds (bounded).</summary>
    public async Task<(int Exit, string Output)> StatusUntilAsync(string hpa, Func<int, string, bool> done, string? kubeconfig = null)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        (int Exit, string Output) last = (-1, "");
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            last = await StatusAsync(hpa, kubeconfig);
            if (done(last.Exit, last.Output))
            {
                return last;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);
        }

        throw new TimeoutException($"status {hpa} never showed what was expected; last (exit {last.Exit}):\n{last.Output}");
    }

    public async Task<(int Exit, string Output)> StatusAsync(string hpa, string? kubeconfig = null)
    {
        using var output = new StringWriter();
        var exit = await StatusCommand.RunAsync(CommandLine.Parse(["status", hpa, "-n", "demo", "--kubeconfig", kubeconfig ?? Kubeconfig]), output, TimeProvider.System);
        return (exit, output.ToString());
    }
}
