using System.Diagnostics;

namespace Autoscale.MetricsAdapter.Tests.Hosting;

/// <summary>
/// Issue #13 item 8: outside a cluster without a kubeconfig the adapter printed dozens of connection-refused warnings
/// (the client library's fallback is http://localhost:8080) instead of saying so; it also reads ~/.kube/config.
/// Runs the real binary with a HOME of its own, no $KUBECONFIG and no in-cluster environment.
/// </summary>
public sealed class NoKubeconfigTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("adapter-home-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task Without_any_kubeconfig_it_says_so_in_one_line_and_exits_1()
    {
        var (exit, stderr) = await RunAsync();

        Assert.Equal(1, exit);
        Assert.Equal(
            $"error: no kubeconfig found: not running in a cluster, $KUBECONFIG is unset and {Path.Combine(_home, ".kube", "config")} does not exist; "
            + "pass --kubeconfig=FILE (or try it locally without a cluster: Autoscale.MetricsAdapter demo)",
            stderr.TrimEnd());
    }

    [Fact]
    public async Task It_falls_back_to_the_kubeconfig_in_home()
    {
        // A user without credentials: the adapter reads this file (and refuses it), so it did not fall back to localhost.
        Directory.CreateDirectory(Path.Combine(_home, ".kube"));
        await File.WriteAllTextAsync(Path.Combine(_home, ".kube", "config"), """
            apiVersion: v1
            kind: Config
            clusters: [{ name: c, cluster: { server: "https://127.0.0.1:1" } }]
            contexts: [{ name: c, context: { cluster: c, user: u } }]
            current-context: c
            users: [{ name: u, user: {} }]
            """);

        var (exit, stderr) = await RunAsync();

        Assert.Equal(1, exit);
        Assert.StartsWith("error: cannot use the kubeconfig (in-cluster or ~/.kube/config): User: u does not have appropriate auth credentials", stderr, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Stderr)> RunAsync()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Autoscale.MetricsAdapter.dll"));
        foreach (var arg in (string[])["serve", "--bind-address=127.0.0.1", "--secure-port=0", "--metrics-port=-1"])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = _home;
        start.Environment.Remove("KUBECONFIG");
        start.Environment.Remove("KUBERNETES_SERVICE_HOST");
        start.Environment.Remove("KUBERNETES_SERVICE_PORT");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the adapter did not exit: {await stdout}{await stderr}");
        }

        await stdout;
        return (process.ExitCode, await stderr);
    }
}
