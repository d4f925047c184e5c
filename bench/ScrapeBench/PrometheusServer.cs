using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Autoscale.ScrapeBench;

/// <summary>
/// The real <c>prometheus</c> binary on a free loopback port with a temp config and TSDB, scraping the pods with
/// <c>namespace</c>/<c>pod</c> target labels (what the Kubernetes SD relabelling gives). Killed on dispose.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scrapebench-prom-").FullName;
    private readonly System.Text.StringBuilder _stderr = new();
    private Process? _process;

    private PrometheusServer(int port) => Url = new Uri($"http://127.0.0.1:{port}/");

    public Uri Url { get; }

    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "prometheus")).FirstOrDefault(File.Exists);

    public static async Task<PrometheusServer> StartAsync(string binary, IEnumerable<(string Name, int Port)> pods, string ns, TimeSpan interval)
    {
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            var server = new PrometheusServer(((IPEndPoint)listener.LocalEndpoint).Port);
            listener.Stop();
            // Prometheus durations take whole units: milliseconds.
            string every = ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            string timeout = ((long)(interval.TotalMilliseconds * 0.75)).ToString(CultureInfo.InvariantCulture);
            var config = $"global: {{scrape_interval: {every}ms, scrape_timeout: {timeout}ms, evaluation_interval: {every}ms}}\nscrape_configs:\n- job_name: vllm\n  static_configs:\n"
                + string.Concat(pods.Select(p => $"  - targets: ['127.0.0.1:{p.Port}']\n    labels: {{namespace: '{ns}', pod: '{p.Name}'}}\n"));
            await File.WriteAllTextAsync(Path.Combine(server._dir, "prometheus.yml"), config);
            await server.StartProcessAsync(binary);
            return server;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartProcessAsync(string binary)
    {
        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            $"--config.file={Path.Combine(_dir, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(_dir, "data")}",
            $"--web.listen-address={Url.Host}:{Url.Port}", "--log.level=warn",
        })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(line);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}: {_stderr}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(Url, "-/ready"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        throw new TimeoutException("prometheus did not become ready within 30 s");
    }
}
