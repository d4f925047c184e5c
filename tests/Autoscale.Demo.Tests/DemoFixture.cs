using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autoscale.Demo.Tests;

/// <summary>
/// The whole demo as `dotnet run --project src/Autoscale.Demo` composes it, on fast timings (a cold start of about
/// 3.5 s, HPA sync every second) and free ports, in a throw-away directory.
/// </summary>
public sealed class DemoFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "autoscale-demo-" + Guid.NewGuid().ToString("N"));

    internal DemoRun Run { get; private set; } = null!;

    public string ClusterKubeconfig => Run.ClusterKubeconfig;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Run = await DemoRun.StartAsync(FastDemo.Options(Directory), NullLoggerFactory.Instance);
    }

    public async Task DisposeAsync()
    {
        await Run.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Runs kubectl against the demo cluster until <paramref name="done"/> holds (bounded), and returns the last output.</summary>
    public async Task<string> KubectlUntilAsync(Func<string, bool> done, TimeSpan within, params string[] args)
    {
        var deadline = TimeProvider.System.GetUtcNow() + within;
        var last = "";
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            var (code, stdout, stderr) = await Kubectl.RunAsync(Directory, ["--kubeconfig", ClusterKubeconfig, .. args]);
            last = code == 0 ? stdout : $"exit {code}: {stderr}";
            if (code == 0 && done(stdout))
            {
                return stdout;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);
        }

        throw new TimeoutException($"kubectl {string.Join(' ', args)} never showed what was expected within {within}; last output:\n{last}");
    }
}
