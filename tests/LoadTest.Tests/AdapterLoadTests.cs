using System.Globalization;
using Autoscale.Hosting.Flags;
using Autoscale.LoadTest.Adapter;
using Autoscale.LoadTest.Cli;

namespace Autoscale.LoadTest.Tests;

public sealed class AdapterLoadTests
{
    [Fact]
    public void Latency_from_the_schedule_and_from_the_send_are_kept_apart()
    {
        var recorder = new LatencyRecorder();
        for (var i = 1; i <= 100; i++)
        {
            // The generator was 10 ms late for every request; the adapter answered in i/10 ms.
            recorder.Record(TimeSpan.FromMilliseconds(10 + (i / 10.0)), TimeSpan.FromMilliseconds(i / 10.0));
        }

        Assert.Equal(100, recorder.Count);
        Assert.InRange(recorder.Milliseconds(99), 19.8, 20.0);
        Assert.InRange(recorder.SentMilliseconds(99), 9.8, 10.0);
        Assert.InRange(recorder.SentMilliseconds(50), 4.9, 5.1);
    }

    [Fact]
    public async Task Adapter_child_serves_the_values_it_scraped_from_the_emulated_pods()
    {
        using var pki = AdapterCommand.BenchPki();
        var rig = new RigOptions(TimeSpan.FromMilliseconds(500), Connections: 2, AdapterCpus: null, ClusterCpus: null);
        await using var bench = await BenchRig.StartAsync(pki, pods: 6, layouts: [2, 3], rig, staticLoad: true);

        // Layout 2, Deployment 1: pods 1, 3, 5, each holding StaticQueue(i) waiting requests in the cluster child. The
        // adapter serves a pod once its first scrape landed; the scrapes start at jittered phases, so wait (bounded)
        // until all three have been scraped before comparing.
        var served = await ScrapedAsync(bench, layout: 2, deployment: 1, pods: 3);
        Assert.Equal(
            new[] { 1, 3, 5 }.Select(i => (BenchFleet.PodName(i), ClusterCommand.StaticQueue(i).ToString(CultureInfo.InvariantCulture))),
            served.OrderBy(s => s.Pod, StringComparer.Ordinal));
        Assert.Equal(["vllm-00000", "vllm-00003"], (await ScrapedAsync(bench, 3, 0, pods: 2)).Select(s => s.Pod).Order(StringComparer.Ordinal));

        // The adapter is another process, measured through /proc.
        Assert.NotEqual(Environment.ProcessId, bench.AdapterPid);
        Assert.True(ProcStat.CpuSeconds(bench.AdapterPid) > 0);
        Assert.InRange(await bench.HeapBytesAsync(), 1, long.MaxValue);

        var before = await bench.ServerLatencyAsync();
        var (latency, _) = await LoadDriver.OpenLoopAsync(bench.Client, 2, LoadDriver.RateSchedule(100, 2, 0.3));
        Assert.Equal((30L, 0L), (latency.Count, latency.Errors));
        Assert.Equal(30, (await bench.ServerLatencyAsync()).Since(before).Count);
    }

    [Fact]
    public void Handshake_lines_round_trip()
    {
        var url = new Uri("https://127.0.0.1:43111/");
        string[] lines = ["starting", Handshake.Listening(url, 4242), Handshake.Api(new Uri("http://127.0.0.1:5000/")), Handshake.Pods(12)];

        Assert.Equal((url, 4242), Handshake.ReadListening(lines));
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), Handshake.ReadApi(lines));
        Assert.Equal(12, Handshake.ReadPods(lines));
        Assert.Equal(1234567L, Handshake.ReadHeap(Handshake.Heap(1234567)));
        Assert.Throws<FormatException>(() => Handshake.ReadListening(["ready"]));
        Assert.Throws<FormatException>(() => Handshake.ReadHeap("pods 3"));
    }

    [Fact]
    public void Server_latency_sums_label_sets_diffs_snapshots_and_finds_the_p99_bucket()
    {
        const string exposition = """
            # TYPE autoscale_adapter_request_duration_seconds histogram
            autoscale_adapter_request_duration_seconds_bucket{route="custom",code="200",le="0.001"} 90
            autoscale_adapter_request_duration_seconds_bucket{route="custom",code="200",le="0.005"} 195
            autoscale_adapter_request_duration_seconds_bucket{route="custom",code="200",le="+Inf"} 200
            autoscale_adapter_request_duration_seconds_bucket{route="other",code="404",le="0.001"} 10
            autoscale_adapter_request_duration_seconds_bucket{route="other",code="404",le="0.005"} 10
            autoscale_adapter_request_duration_seconds_bucket{route="other",code="404",le="+Inf"} 10
            autoscale_adapter_request_duration_seconds_sum{route="other",code="404"} 0.004
            """;
        var before = ServerLatency.FromLine("server-latency 0.001=50 0.005=50 +Inf=50");

        var now = ServerLatency.FromLine(ServerLatency.FromExposition(exposition).ToLine());
        var run = now.Since(before);

        Assert.Equal([100L, 205L, 210L], now.Cumulative);
        Assert.Equal(160, run.Count);
        Assert.Equal(1.0, run.PercentileUpperBoundMs(30), 9);
        Assert.Equal(5.0, run.PercentileUpperBoundMs(95), 9);
        Assert.Equal(double.PositiveInfinity, run.PercentileUpperBoundMs(99));
        Assert.Equal(155.0 / 160, run.ShareWithinMs(5), 9);
        Assert.True(double.IsNaN(before.Since(before).PercentileUpperBoundMs(99)));
    }

    [Fact]
    public void Proc_stat_reads_cpu_ticks_after_a_command_name_with_spaces_and_rss_in_bytes()
    {
        const string stat = "4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 20 0 100 0 0";

        Assert.Equal(3.25, ProcStat.ParseCpuSeconds(stat), 9);
        Assert.Equal(150_000L * 1024, ProcStat.ParseResidentBytes(["Name:\tdotnet", "VmHWM:\t  200000 kB", "VmRSS:\t  150000 kB"]));
        Assert.Throws<FormatException>(() => ProcStat.ParseResidentBytes(["Name:\tdotnet"]));
    }

    [Fact]
    public void Fleet_layout_labels_put_each_pod_in_one_deployment_per_layout()
    {
        const int pods = 10;
        foreach (var layout in new[] { 1, 3, 10 })
        {
            for (var d = 0; d < layout; d++)
            {
                var members = Enumerable.Range(0, pods).Count(i => BenchFleet.Labels(i, [1, 3, 10])[BenchFleet.LayoutLabel(layout)] == BenchFleet.LayoutValue(d));
                Assert.Equal(members, BenchFleet.PodsIn(pods, layout, d));
            }
        }

        Assert.Contains("labelSelector=w3%3Dd2", BenchFleet.Query(3, 2), StringComparison.Ordinal);
    }

    [Fact]
    public void Hpa_schedule_spreads_each_hpa_every_fifteen_seconds()
    {
        var schedule = LoadDriver.HpaSchedule(hpas: 30, deployments: 10, seconds: 30);

        Assert.Equal(60, schedule.Count);
        Assert.Equal(0.5, schedule[1].At - schedule[0].At, 9);
        Assert.All(schedule, s => Assert.InRange(s.Deployment, 0, 9));
        Assert.True(schedule.Zip(schedule.Skip(1)).All(p => p.First.At <= p.Second.At));
    }

    [Fact]
    public void Cli_defaults_quick_subset_and_rig_options()
    {
        var full = AdapterCliParser.Parse(["adapter"]);
        var quick = AdapterCliParser.Parse(["adapter", "--quick", "--rate", "500", "--json", "out.json"]);
        var pinned = AdapterCliParser.Parse(["adapter", "--scrape-interval", "15", "--adapter-cpus", "1", "--cluster-cpus", "0-1", "--repeat", "3", "--connections", "4", "--warmup", "2.5"]);

        Assert.Equal([10, 100, 1000, 5000], full.Pods);
        Assert.Equal([10, 100, 1000], full.Hpas);
        Assert.Equal(AdapterCliParser.AllModes, full.Modes);
        Assert.Equal(new RigOptions(TimeSpan.FromSeconds(2), 16, null, null), full.Rig);
        Assert.Equal(1, full.Repeat);
        Assert.Equal([10, 100], quick.Pods);
        Assert.Equal((500.0, "out.json"), (quick.Rate, quick.Json));
        Assert.Equal(new RigOptions(TimeSpan.FromSeconds(15), 4, "1", "0-1"), pinned.Rig);
        Assert.Equal((3, 2.5), (pinned.Repeat, pinned.WarmupSeconds));
        Assert.Equal((10.0, 1.0), (full.WarmupSeconds, quick.WarmupSeconds));
        Assert.Throws<FlagException>(() => AdapterCliParser.Parse(["adapter", "--pods", "10,x"]));
        Assert.Throws<FlagException>(() => AdapterCliParser.Parse(["adapter", "--modes", "soak"]));
        Assert.Throws<FlagException>(() => AdapterCliParser.Parse(["adapter", "--adapter-cpus", "1;rm"]));
        Assert.Throws<FlagException>(() => AdapterCliParser.Parse(["adapter", "--source", "fill"]));
    }

    [Fact]
    public void Child_role_options_parse_strictly()
    {
        var cluster = AdapterCliParser.ParseCluster(["adapter", "cluster", "--pods", "50", "--layouts", "5,50", "--static"]);
        var serve = AdapterCliParser.ParseServeBench(["adapter", "serve-bench", "--api", "http://127.0.0.1:4000/", "--pki", "/tmp/p", "--scrape-interval", "0.5"]);

        Assert.Equal((50, true), (cluster.Pods, cluster.Static));
        Assert.Equal([5, 50], cluster.Layouts);
        Assert.Equal(new ServeBenchOptions(new Uri("http://127.0.0.1:4000/"), "/tmp/p", TimeSpan.FromMilliseconds(500)), serve);
        Assert.Throws<FlagException>(() => AdapterCliParser.ParseServeBench(["adapter", "serve-bench", "--api", "http://example.com/", "--pki", "/tmp/p"]));
        Assert.Throws<FlagException>(() => AdapterCliParser.ParseServeBench(["adapter", "serve-bench", "--api", "http://127.0.0.1:4000/"]));
        Assert.Throws<FlagException>(() => AdapterCliParser.ParseCluster(["adapter", "cluster", "--pods", "5", "--port", "1"]));
    }

    private static async Task<IReadOnlyList<(string Pod, string Value)>> ScrapedAsync(BenchRig bench, int layout, int deployment, int pods)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (30 * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            var served = await LoadDriver.GetValuesAsync(bench.Client, layout, deployment);
            if (served.Count >= pods || TimeProvider.System.GetTimestamp() > deadline)
            {
                return served;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
    }
}
