using System.Globalization;
using System.Text;
using Autoscale.MetricsAdapter.Sources.Exposition;
using BenchmarkDotNet.Attributes;

namespace Autoscale.Benchmarks;

/// <summary>
/// One scrape's parse of a real-shaped vLLM V1 page (2 engines, every histogram with full buckets, _created
/// siblings, python/process metrics; ~30 KB) and of a pod-mapped dcgm-exporter page (8 GPUs). MB/s = page bytes / mean.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ExpositionParserBenchmarks
{
    private static readonly string[] VllmCatalog =
    [
        "vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc",
        "vllm:gpu_cache_usage_perc", "vllm:time_to_first_token_seconds", "vllm:e2e_request_latency_seconds",
        "vllm:request_queue_time_seconds", "vllm:prefix_cache_queries_total", "vllm:prefix_cache_hits_total",
    ];

    private static readonly string[] DcgmCatalog =
        ["DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE"];

    private byte[] _vllmPage = [];
    private byte[] _dcgmPage = [];
    private ExpositionParser _vllmParser = null!;
    private ExpositionParser _dcgmParser = null!;
    private ExpositionParser _allParser = null!;

    [GlobalSetup]
    public void Setup()
    {
        _vllmPage = Encoding.UTF8.GetBytes(BuildVllmV1Page());
        _dcgmPage = Encoding.UTF8.GetBytes(BuildDcgmPage());
        _vllmParser = new ExpositionParser(new WantedFamilies(VllmCatalog));
        _dcgmParser = new ExpositionParser(new WantedFamilies(DcgmCatalog));
        _allParser = new ExpositionParser(WantedFamilies.All);
        Console.WriteLine($"// vLLM V1 page: {_vllmPage.Length} bytes; DCGM page: {_dcgmPage.Length} bytes");
    }

    [Benchmark(Baseline = true)]
    public double VllmV1Page_CatalogFamilies() => Parse(_vllmParser, _vllmPage);

    [Benchmark]
    public double VllmV1Page_AllFamilies() => Parse(_allParser, _vllmPage);

    [Benchmark]
    public double DcgmPage_CatalogFamilies() => Parse(_dcgmParser, _dcgmPage);

    private static double Parse(ExpositionParser parser, byte[] page)
    {
        var sink = new EngineSink();
        ExpositionResult result = parser.Parse(page, ref sink);
        if (!result.IsOk)
        {
            throw new InvalidOperationException(result.ToString());
        }

        return sink.Sum + sink.EngineOne;
    }

    // What a scraper does per sample: read the value and look up one label.
    private struct EngineSink : ISampleSink
    {
        public double Sum;
        public int EngineOne;

        public void OnSample(in ExpositionSample sample)
        {
            Sum += sample.Value;
            Span<byte> scratch = stackalloc byte[128];
            if (sample.TryGetLabel("engine"u8, scratch, out ReadOnlySpan<byte> engine) && engine.SequenceEqual("1"u8))
            {
                EngineOne++;
            }
        }
    }

    private static string BuildVllmV1Page()
    {
        var page = new StringBuilder();
        var random = new Random(42);
        string F(double v) => v.ToString("0.0###", CultureInfo.InvariantCulture);

        page.Append("# HELP python_gc_objects_collected_total Objects collected during gc\n");
        page.Append("# TYPE python_gc_objects_collected_total counter\n");
        for (int g = 0; g < 3; g++)
        {
            page.Append(CultureInfo.InvariantCulture, $"python_gc_objects_collected_total{{generation=\"{g}\"}} {F(random.Next(100000))}\n");
        }

        foreach (string p in new[] { "process_virtual_memory_bytes", "process_resident_memory_bytes",
                     "process_start_time_seconds", "process_cpu_seconds_total", "process_open_fds", "process_max_fds" })
        {
            page.Append(CultureInfo.InvariantCulture, $"# HELP {p} Process metric.\n# TYPE {p} gauge\n{p} {F(random.NextDouble() * 1e9)}\n");
        }

        void Gauge(string name, string help, Func<double> value)
        {
            page.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n");
            for (int e = 0; e < 2; e++)
            {
                page.Append(CultureInfo.InvariantCulture, $"{name}{{engine=\"{e}\",model_name=\"meta-llama/Llama-3.1-8B-Instruct\"}} {F(value())}\n");
            }
        }

        void Counter(string name, string help, string extra = "")
        {
            page.Append(CultureInfo.InvariantCulture, $"# HELP {name}_total {help}\n# TYPE {name}_total counter\n");
            for (int e = 0; e < 2; e++)
            {
                page.Append(CultureInfo.InvariantCulture, $"{name}_total{{engine=\"{e}\",{extra}model_name=\"meta-llama/Llama-3.1-8B-Instruct\"}} {F(random.Next(1_000_000))}\n");
            }

            page.Append(CultureInfo.InvariantCulture, $"# HELP {name}_created {help}\n# TYPE {name}_created gauge\n");
            for (int e = 0; e < 2; e++)
            {
                page.Append(CultureInfo.InvariantCulture, $"{name}_created{{engine=\"{e}\",{extra}model_name=\"meta-llama/Llama-3.1-8B-Instruct\"}} 1.7537953269e+09\n");
            }
        }

        void Histogram(string name, string help, double[] buckets)
        {
            page.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} histogram\n");
            for (int e = 0; e < 2; e++)
            {
                string labels = $"engine=\"{e}\",model_name=\"meta-llama/Llama-3.1-8B-Instruct\"";
                int count = 0;
                foreach (double le in buckets)
                {
                    count += random.Next(0, 50);
                    page.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{engine=\"{e}\",le=\"{F(le)}\",model_name=\"meta-llama/Llama-3.1-8B-Instruct\"}} {F(count)}\n");
                }

                page.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{engine=\"{e}\",le=\"+Inf\",model_name=\"meta-llama/Llama-3.1-8B-Instruct\"}} {F(count)}\n");
                page.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {F(count)}\n");
                page.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {F(count * random.NextDouble() * 3)}\n");
            }

            page.Append(CultureInfo.InvariantCulture, $"# HELP {name}_created {help}\n# TYPE {name}_created gauge\n");
            for (int e = 0; e < 2; e++)
            {
                page.Append(CultureInfo.InvariantCulture, $"{name}_created{{engine=\"{e}\",model_name=\"meta-llama/Llama-3.1-8B-Instruct\"}} 1.7537953269e+09\n");
            }
        }

        Gauge("vllm:num_requests_running", "Number of requests in model execution batches.", () => random.Next(0, 64));
        Gauge("vllm:num_requests_waiting", "Number of requests waiting to be processed.", () => random.Next(0, 20));
        Gauge("vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", random.NextDouble);
        Counter("vllm:prefix_cache_queries", "Prefix cache queries, in terms of number of queried tokens.");
        Counter("vllm:prefix_cache_hits", "Prefix cache hits, in terms of number of cached tokens.");
        Counter("vllm:num_preemptions", "Cumulative number of preemption from the engine.");
        Counter("vllm:prompt_tokens", "Number of prefill tokens processed.");
        Counter("vllm:generation_tokens", "Number of generation tokens processed.");
        foreach (string reason in new[] { "stop", "length", "abort" })
        {
            Counter("vllm:request_success", "Count of successfully processed requests.", $"finished_reason=\"{reason}\",");
        }

        double[] latency = [0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0];
        Histogram("vllm:iteration_tokens_total", "Histogram of number of tokens per engine_step.", [1, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384]);
        Histogram("vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0]);
        Histogram("vllm:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.", [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0]);
        Histogram("vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", latency);
        Histogram("vllm:request_queue_time_seconds", "Histogram of time spent in WAITING phase for request.", latency);
        page.Append("# HELP vllm:cache_config_info Information of the LLMEngine CacheConfig\n# TYPE vllm:cache_config_info gauge\n");
        page.Append("vllm:cache_config_info{block_size=\"16\",cache_dtype=\"auto\",enable_prefix_caching=\"True\",engine=\"0\",gpu_memory_utilization=\"0.9\",num_gpu_blocks=\"27000\"} 1.0\n");
        return page.ToString();
    }

    private static string BuildDcgmPage()
    {
        var page = new StringBuilder();
        var random = new Random(7);
        string[] fields =
        [
            "DCGM_FI_DEV_SM_CLOCK", "DCGM_FI_DEV_MEM_CLOCK", "DCGM_FI_DEV_MEMORY_TEMP", "DCGM_FI_DEV_GPU_TEMP",
            "DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "DCGM_FI_DEV_PCIE_REPLAY_COUNTER",
            "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_MEM_COPY_UTIL", "DCGM_FI_DEV_ENC_UTIL", "DCGM_FI_DEV_DEC_UTIL",
            "DCGM_FI_DEV_XID_ERRORS", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL",
            "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "DCGM_FI_PROF_DRAM_ACTIVE",
            "DCGM_FI_PROF_PCIE_TX_BYTES", "DCGM_FI_PROF_PCIE_RX_BYTES",
        ];
        foreach (string field in fields)
        {
            page.Append(CultureInfo.InvariantCulture, $"# HELP {field} DCGM field.\n# TYPE {field} gauge\n");
            for (int gpu = 0; gpu < 8; gpu++)
            {
                string pod = gpu < 6 ? $"llama-70b-7d9f-{gpu / 2}" : string.Empty;
                page.Append(CultureInfo.InvariantCulture,
                    $"{field}{{gpu=\"{gpu}\",UUID=\"GPU-1a2b3c4d-0000-1111-2222-33334444555{gpu}\",pci_bus_id=\"00000000:{18 + gpu:X2}:00.0\",device=\"nvidia{gpu}\",modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"gpu-node-a\",DCGM_FI_DRIVER_VERSION=\"550.90.07\",container=\"{(pod.Length > 0 ? "vllm" : "")}\",namespace=\"{(pod.Length > 0 ? "llm" : "")}\",pod=\"{pod}\"}} {random.Next(0, 100000)}\n");
            }
        }

        return page.ToString();
    }
}
