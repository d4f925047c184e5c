namespace Autoscale.LoadTest.Adapter;

internal static class AdapterHelpText
{
    public const string Usage = """
        Metrics adapter load test: the real adapter in a child process discovers N emulated vLLM pods (another child,
        with a Kubernetes API test server) and scrapes them; this process drives it over loopback HTTPS (keep-alive,
        client certificate) like a cluster of HPAs, and reports latency percentiles (HdrHistogram), throughput, and
        the adapter process's CPU, heap and RSS (read from /proc/PID, so the load generator's work is not counted).

        usage: Autoscale.LoadTest adapter [options]

          --modes LIST            comma-separated, default all: table,stress,rate,cost
          --pods LIST             table/stress pod counts (default 10,100,1000,5000)
          --hpas LIST             table HPA counts (default 10,100,1000); min(HPAs, pods) Deployments share the pods,
                                  each HPA queries its Deployment's pods every 15 s
          --seconds S             per table cell and cost row (default 30)
          --stress-seconds S      closed loop as fast as possible, each query min(N, 100) pods (default 10)
          --connections N         keep-alive connections (default 16)
          --rate Q                rate mode: open-loop queries/s (default 1000)
          --rate-pods N           rate mode: pods per query, and in the fleet (default 100)
          --rate-seconds S        rate mode: duration (default 30)
          --repeat N              run each table cell and the rate test N times (default 1)
          --warmup S              closed-loop warm-up after each start, before anything is measured (default 10)
          --scrape-interval S     the adapter's scrape interval in seconds (default 2, the product default)
          --adapter-cpus LIST     pin the adapter child with taskset -c LIST (e.g. 1); pin this process by starting
                                  it under taskset (e.g. taskset -c 0 ...); the cluster child inherits that
          --cluster-cpus LIST     pin the cluster child instead
          --json FILE             write every scenario (with the load average at its end) as JSON
          --quick                 10/100 pods x 10/100 HPAs, seconds-long runs (CI-size)
          -h, --help              this text

        Child roles (started by the command itself): adapter cluster --pods N --layouts LIST [--static];
        adapter serve-bench --api URL --pki DIR [--scrape-interval S].
        exit codes: 0 ok, 1 some request failed, 2 bad usage.
        """;
}
