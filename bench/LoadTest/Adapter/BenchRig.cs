using System.Globalization;
using Autoscale.Testing;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// One measured setup in three processes: the cluster child (emulated pods + Kubernetes API), the adapter child
/// (discovery → scrape → store → API) and this one, the load generator, with a client to the adapter. Ready once
/// the adapter answers a first Deployment's query with all its pods, each carrying a value: discovered and scraped.
/// </summary>
internal sealed class BenchRig : IAsyncDisposable
{
    private readonly ChildProcess _cluster;
    private readonly ChildProcess _adapter;

    private BenchRig(ChildProcess cluster, ChildProcess adapter, HttpClient client, int adapterPid)
    {
        _cluster = cluster;
        _adapter = adapter;
        Client = client;
        AdapterPid = adapterPid;
    }

    public HttpClient Client { get; }

    /// <summary>The adapter process, as it reported itself: CPU and memory are read from /proc/PID.</summary>
    public int AdapterPid { get; }

    public static async Task<BenchRig> StartAsync(TestPki pki, int pods, IReadOnlyList<int> layouts, RigOptions options, bool staticLoad = false)
    {
        var startup = TimeSpan.FromSeconds(30 + pods / 20);
        List<string> clusterArgs = ["adapter", "cluster", "--pods", Text(pods), "--layouts", string.Join(',', layouts.Select(Text))];
        if (staticLoad)
        {
            clusterArgs.Add("--static");
        }

        var cluster = await ChildProcess.StartAsync(clusterArgs, options.ClusterCpus, startup).ConfigureAwait(false);
        ChildProcess? adapter = null;
        try
        {
            var api = Handshake.ReadApi(cluster.Handshake);
            adapter = await ChildProcess.StartAsync(
                ["adapter", "serve-bench", "--api", api.AbsoluteUri, "--pki", pki.Directory, "--scrape-interval", Text(options.ScrapeInterval.TotalSeconds)],
                options.AdapterCpus,
                TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            var (url, pid) = Handshake.ReadListening(adapter.Handshake);
            var rig = new BenchRig(cluster, adapter, AdapterClient.Create(pki, url, options.Connections), pid);
            await rig.WaitServedAsync(pods, layouts[0], startup + options.ScrapeInterval * 3).ConfigureAwait(false);
            return rig;
        }
        catch
        {
            if (adapter is not null)
            {
                await adapter.DisposeAsync().ConfigureAwait(false);
            }

            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The adapter's live managed heap after a full GC, in bytes (the child collects and answers).</summary>
    public async Task<long> HeapBytesAsync() =>
        Handshake.ReadHeap(await _adapter.AskAsync("heap", TimeSpan.FromSeconds(30)).ConfigureAwait(false));

    /// <summary>The adapter's request-duration histogram so far (diff two with <see cref="ServerLatency.Since"/>).</summary>
    public async Task<ServerLatency> ServerLatencyAsync() =>
        ServerLatency.FromLine(await _adapter.AskAsync("server-latency", TimeSpan.FromSeconds(30)).ConfigureAwait(false));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _adapter.DisposeAsync().ConfigureAwait(false);
        await _cluster.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WaitServedAsync(int pods, int layout, TimeSpan timeout)
    {
        var expected = BenchFleet.PodsIn(pods, layout, 0);
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        var served = 0;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            try
            {
                served = (await LoadDriver.GetValuesAsync(Client, layout, 0).ConfigureAwait(false)).Count;
                if (served == expected)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"the adapter served {served} of {expected} pods for {BenchFleet.Selector(layout, 0)} after {timeout.TotalSeconds:0} s");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
