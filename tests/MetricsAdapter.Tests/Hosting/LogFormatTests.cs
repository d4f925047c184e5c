using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Autoscale.MetricsAdapter.Tests.Hosting;

/// <summary>
/// Issue #13 item 5: <c>--log-format=text|json</c> and <c>--log-level</c>. The real binary as a child process, up to
/// its start-up line and a refused port (it then exits by itself).
/// </summary>
public sealed class LogFormatTests : IDisposable
{
    private readonly TestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public async Task Json_is_one_object_per_line_with_an_iso_utc_timestamp()
    {
        var (exit, stdout, _) = await RunUntilPortRefusedAsync("--log-format=json");

        Assert.Equal(1, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        var starting = 0;
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, entry.RootElement.ValueKind);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", entry.RootElement.GetProperty("Timestamp").GetString());
            if (entry.RootElement.GetProperty("Message").GetString()!.Contains($"{ThisBuild.Current.Version} (commit {ThisBuild.Current.Commit}) starting", StringComparison.Ordinal))
            {
                starting++;
                Assert.Equal("Information", entry.RootElement.GetProperty("LogLevel").GetString());
                Assert.Equal(ThisBuild.Current.Commit, entry.RootElement.GetProperty("State").GetProperty("Commit").GetString());
            }
        }

        Assert.Equal(1, starting);
    }

    [Fact]
    public async Task Text_is_one_line_per_entry_with_an_iso_utc_timestamp_and_no_event_id()
    {
        var (exit, stdout, _) = await RunUntilPortRefusedAsync("--log-format=text");

        Assert.Equal(1, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (trce|dbug|info|warn|fail|crit) [\w.]+: ", line));
        Assert.All(lines, line => Assert.DoesNotMatch(@"\[\d+\]", line));
        Assert.Contains(lines, line => line.Contains(
            $" info Autoscale.MetricsAdapter: Autoscale metrics adapter {ThisBuild.Current.Version} (commit {ThisBuild.Current.Commit}) starting",
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task Log_level_warning_drops_the_information_lines()
    {
        var (exit, stdout, _) = await RunUntilPortRefusedAsync("--log-level=warning");

        Assert.Equal(1, exit);
        Assert.DoesNotContain(" info ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("starting", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--log-format=xml", "error: flag --log-format: \"xml\" is not one of text, json (see --help)")]
    [InlineData("--log-level=loud", "error: flag --log-level: \"loud\" is not one of trace, debug, info, warning, error (see --help)")]
    public void Bad_values_name_the_flag(string flag, string error)
    {
        var ex = Assert.Throws<ArgumentException>(() => CommandLine.Parse([flag], new AdapterOptions()));

        Assert.Equal(error, $"error: {ex.Message} (see --help)");
    }

    [Theory]
    [InlineData("--v=2", LogLevel.Information)]
    [InlineData("--v=4", LogLevel.Debug)]
    [InlineData("--v=6", LogLevel.Trace)]
    [InlineData("--log-level=debug", LogLevel.Debug)]
    public void Levels_come_from_log_level_or_klog_verbosity(string flag, LogLevel level) =>
        Assert.Equal(level, CommandLine.Parse([flag], new AdapterOptions()).Log.Level);

    /// <summary>Runs <c>serve</c> on a secure port already taken: it logs its start-up line, then exits 1.</summary>
    private async Task<(int Exit, string Stdout, string Stderr)> RunUntilPortRefusedAsync(string flag)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var kubeconfig = _pki.Write($"kubeconfig-{Guid.NewGuid():N}", """
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}
            users:
            - name: u
              user: {token: t}
            contexts:
            - name: x
              context: {cluster: c, user: u}
            current-context: x
            """);
        var (exit, stdout, stderr) = await Tool.RunProgramAsync("Autoscale.MetricsAdapter.dll",
        [
            "serve", "--bind-address=127.0.0.1", $"--secure-port={port}",
            "--metrics-port=-1", "--authentication-skip-lookup", "--authorization-mode=allow-authenticated", $"--client-ca-file={_pki.ClientCaFile}",
            $"--tls-cert-file={_pki.ServingCertFile}", $"--tls-private-key-file={_pki.ServingKeyFile}", $"--kubeconfig={kubeconfig}", flag,
        ]);
        return (exit, stdout, stderr);
    }
}
