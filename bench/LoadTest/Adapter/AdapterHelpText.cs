namespace Autoscale.LoadTest.Adapter;

internal static class AdapterHelpText
{
    public static string Usage { get; } = """
        Metrics adapter load test: the real adapter in a child process discovers N emulated vLLM pods (another child,
        with a Kubernetes API test server) and scrapes them; this process drives it over loopback HTTPS (keep-alive,
        client certificate) like a cluster of HPAs, and reports latency percentiles (HdrHistogram), throughput, and
        the adapter process's CPU, heap and RSS (read from /proc/PID, so the load generator's work is not counted).

        usage: Autoscale.LoadTest adapter [options]


        """ + AdapterCliParser.Flags.Help() + """


        Child roles (started by the command itself): adapter cluster --pods N --layouts LIST [--static];
        adapter serve-bench --api URL --pki DIR [--scrape-interval S].
        exit codes: 0 ok, 1 some request failed, 2 bad usage.
        """;
}
