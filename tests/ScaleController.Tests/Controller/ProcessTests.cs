using System.Diagnostics;
using Autoscale.ScaleController.Tests.Kube;
using k8s.Models;

namespace Autoscale.ScaleController.Tests.Controller;

/// <summary>The controller program as an operator runs it: the Generic Host's SIGTERM handling stops it cleanly.</summary>
public sealed class ProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sigterm_stops_the_controller_cleanly_and_releases_its_lease()
    {
        Assert.True(OperatingSystem.IsLinux(), "the test sends SIGTERM with kill(1)");
        await using var h = await ControllerHarness.StartAsync();
        h.Server.AddToken("token-proc", ControllerHarness.User("proc-0"), "system:serviceaccounts");
        var kubeconfig = h.Server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"autoscale-{Guid.NewGuid():N}.kubeconfig"), "token-proc");
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Autoscale.ScaleController"))
        {
            ArgumentList = { $"--kubeconfig={kubeconfig}", "--health-port=-1", "--interval=300ms" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["POD_NAME"] = "proc-0" },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await Eventually.TrueAsync(() => h.Placeholders().Count == 1 || process.HasExited, Timeout, "the process acts");
            if (process.HasExited)
            {
                Assert.Fail($"the controller exited with {process.ExitCode}: {await errors}");
            }

            Assert.Equal("proc-0", Lease(h)?.Spec.HolderIdentity);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var exited = new CancellationTokenSource(Timeout);
            await process.WaitForExitAsync(exited.Token);

            Assert.Equal(0, process.ExitCode);
            Assert.Equal("", Lease(h)?.Spec.HolderIdentity);
            Assert.DoesNotContain("error", await errors, StringComparison.OrdinalIgnoreCase);
            _ = await output;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            File.Delete(kubeconfig);
        }
    }

    private static V1Lease? Lease(ControllerHarness h) => h.Server.Get<V1Lease>("autoscale", "autoscale-scale-controller");
}
