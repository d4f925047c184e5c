using System.Diagnostics;
using Autoscale.Demo.Cluster;
using Autoscale.Kubectl.Status;
using Autoscale.Kubectl.Tests.Status;

namespace Autoscale.Kubectl.Tests.Docs;

/// <summary>
/// Issue #16 item 2: every command on docs/troubleshooting.md runs here, in the situation its section describes,
/// and prints what the page says it prints. A command added to the page without a situation here fails the test.
/// </summary>
public sealed class TroubleshootingPageTests(ClusterWithAdapter cluster) : IClassFixture<ClusterWithAdapter>
{
    /// <summary>The sections the status command links to: each must exist on the page, with commands.</summary>
    public static readonly string[] Anchors = ["apiservice-not-available", "failedgetpodsmetric", "metric-notfound", "pods-loading", "stale-samples", "rbac-403"];

    [Fact]
    public void Every_section_the_status_command_links_to_exists_with_commands_and_expected_output()
    {
        var page = TroubleshootingPage.Load();

        foreach (var anchor in Anchors)
        {
            var section = page.Sections.SingleOrDefault(s => s.Anchor == anchor);
            Assert.True(section is not null, $"docs/troubleshooting.md has no section #{anchor}");
            Assert.NotEmpty(section.Steps);
            Assert.All(section.Steps, s => Assert.NotEmpty(s.Expected));
        }

        // The anchors the status command prints are these (Diagnosis is the only place that names them).
        var source = File.ReadAllText(Path.Combine(Path.GetDirectoryName(TroubleshootingPage.Path)!, "..", "src", "KubectlAutoscale", "Status", "Diagnosis.cs"));
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(source, "\"([a-z0-9]+(-[a-z0-9]+)*)\"\\)"))
        {
            Assert.Contains(m.Groups[1].Value, Anchors);
        }
    }

    [Fact]
    public async Task Every_command_on_the_page_prints_what_the_page_says()
    {
        var page = TroubleshootingPage.Load();
        var server = cluster.Run.Cluster.Server;
        Broken.MetricTypo(server);
        Broken.AllPodsLoading(server);
        Broken.StaleSamples(server);
        var noGrants = cluster.Run.Cluster.WriteKubeconfig(Path.Combine(Path.GetDirectoryName(cluster.Kubeconfig)!, "no-grants-kubeconfig"), DemoCluster.NoGrantToken);
        await cluster.StatusUntilAsync("llama-3-8b", (e, o) => e == StatusCommand.Healthy && o.Contains("1.5 × p90 cold start", StringComparison.Ordinal));

        var ran = 0;
        // The APIService section takes the adapter away: it runs last.
        foreach (var section in page.Sections.OrderBy(s => s.Anchor == "apiservice-not-available" ? 1 : 0))
        {
            if (section.Anchor == "apiservice-not-available")
            {
                server.UnrouteService(DemoCluster.AdapterNamespace, DemoCluster.AdapterService);
                await server.CheckApiServicesAsync();
            }

            var kubeconfig = section.Anchor == "rbac-403" ? noGrants : cluster.Kubeconfig;
            foreach (var step in section.Steps)
            {
                await RunUntilShownAsync(section.Anchor, step, kubeconfig);
                ran++;
            }
        }

        Assert.True(ran >= Anchors.Length * 2, $"only {ran} commands ran");
    }

    private async Task RunUntilShownAsync(string anchor, TroubleshootingPage.Step step, string kubeconfig)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(45);
        var output = "";
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            output = await RunAsync(step.Command, kubeconfig);
            if (TroubleshootingPage.Mismatch(step.Expected, output) is null)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);
        }

        Assert.Fail($"#{anchor}: `{step.Command}` never printed \"{TroubleshootingPage.Mismatch(step.Expected, output)}\"; it printed:\n{output}");
    }

    /// <summary>kubectl for real; kubectl-autoscale in-process, printing what its Program prints.</summary>
    private async Task<string> RunAsync(string command, string kubeconfig)
    {
        var words = TroubleshootingPage.Words(command);
        if (words[0] == "kubectl-autoscale")
        {
            using var output = new StringWriter();
            try
            {
                await StatusCommand.RunAsync(Autoscale.Kubectl.CommandLine.Parse([.. words.Skip(1), "--kubeconfig", kubeconfig]), output, TimeProvider.System);
            }
            catch (StatusException ex)
            {
                output.WriteLine($"error: {ex.Message}");
            }

            return output.ToString();
        }

        Assert.Equal("kubectl", words[0]);
        var start = new ProcessStartInfo(Kubectl()) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var word in words.Skip(1).Append("--kubeconfig").Append(kubeconfig))
        {
            start.ArgumentList.Add(word);
        }

        var home = Path.GetDirectoryName(kubeconfig)!;
        start.Environment["HOME"] = home;
        start.Environment["KUBECACHEDIR"] = Path.Combine(home, "kube-cache-" + Path.GetFileName(kubeconfig));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await stdout + await stderr;
    }

    private static string Kubectl()
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(TroubleshootingPage.Path)!, ".."));
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append(Path.Combine(root, ".tools", "bin"))
            .Select(d => Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("kubectl is not installed: run ./test.sh (scripts/install-test-deps.sh installs it)");
    }
}
