using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Autoscale.Testing;

/// <summary>
/// The real <c>prometheus</c> binary on a free loopback port, with a temp config and TSDB directory, scraping the given
/// loopback targets with <c>namespace</c>/<c>pod</c> target labels (what the Kubernetes SD relabelling gives), or
/// serving series backfilled with promtool. Killed (not the Debian service) on dispose.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(30);

    private readonly string _dir = Directory.CreateTempSubdirectory("autoscale-prom-").FullName;
    private readonly StringBuilder _stderr = new();
    private Process? _process;

    private PrometheusProcess(int port) => Port = port;

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>Scrapes every <paramref name="interval"/> (1 s by default; timeout 900 ms by default).</summary>
    public static async Task<PrometheusProcess> StartAsync(
        IEnumerable<(int Port, string Namespace, string Pod)> targets, TimeSpan? interval = null, TimeSpan? timeout = null)
    {
        var prometheus = new PrometheusProcess(FreePort());
        // Prometheus durations take whole units: milliseconds.
        var every = Milliseconds(interval ?? TimeSpan.FromSeconds(1));
        var within = Milliseconds(timeout ?? TimeSpan.FromMilliseconds(900));
        var config = $"global: {{scrape_interval: {every}, scrape_timeout: {within}, evaluation_interval: {every}}}\nscrape_configs:\n- job_name: vllm\n  static_configs:\n"
            + string.Concat(targets.Select(t => $"  - targets: ['127.0.0.1:{t.Port}']\n    labels: {{namespace: '{t.Namespace}', pod: '{t.Pod}'}}\n"));
        await File.WriteAllTextAsync(Path.Combine(prometheus._dir, "prometheus.yml"), config);
        await prometheus.RestartAsync();
        return prometheus;
    }

    /// <summary>
    /// Prometheus over series written beforehand: <paramref name="openMetrics"/> is backfilled with
    /// <c>promtool tsdb create-blocks-from openmetrics</c> into the TSDB, and nothing is scraped.
    /// </summary>
    public static async Task<PrometheusProcess> StartBackfilledAsync(string openMetrics)
    {
        var prometheus = new PrometheusProcess(FreePort());
        var input = Path.Combine(prometheus._dir, "series.om");
        await File.WriteAllTextAsync(input, openMetrics);
        (await Tool.RunAsync(Tool.Find("promtool"), ["tsdb", "create-blocks-from", "openmetrics", input, Path.Combine(prometheus._dir, "data")]))
            .OrThrow("promtool tsdb create-blocks-from");
        await File.WriteAllTextAsync(Path.Combine(prometheus._dir, "prometheus.yml"), "global: {evaluation_interval: 1m}\n");
        await prometheus.RestartAsync();
        return prometheus;
    }

    /// <summary>Starts (again) on the same port and TSDB, and waits for <c>/-/ready</c>.</summary>
    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo(Tool.Find("prometheus"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            $"--config.file={Path.Combine(_dir, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(_dir, "data")}",
            $"--web.listen-address=127.0.0.1:{Port}", "--log.level=warn",
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
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < ReadyWithin)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}: {Stderr()}");
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

        throw new TimeoutException($"prometheus did not become ready within {ReadyWithin.TotalSeconds:0} s");
    }

    /// <summary>Kills the process (as a crash would: no clean shutdown) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }

    private static string Milliseconds(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
