using System.Globalization;
using Autoscale.Hosting.Flags;
using Autoscale.Kubernetes;

namespace Autoscale.ScrapeBench;

/// <summary>The options of every command, read by the one <see cref="FlagSet"/>; durations as 500ms / 2s / 1m.</summary>
internal sealed class Cli(ParsedFlags values)
{
    private static readonly FlagSet Flags = new FlagSet()
        .Value("pods", "N", "pods to emulate")
        .Value("interval", "DURATION", "scrape interval")
        .Value("duration", "DURATION", "how long to measure")
        .Value("warmup", "DURATION", "before measuring")
        .Value("baseline", "DURATION", "baseline measurement")
        .Value("warm-pods", "N", "pods already scraped in the warm baseline")
        .Value("keep-alive", "BOOL", "keep scrape connections open")
        .Value("json", "FILE", "write the result as JSON")
        .Value("iterations", "N", "queries per side")
        .Value("values", "LIST", "distinct model_name values per page")
        .Value("cpu-per-size", "DURATION", "CPU to spend per page size")
        .Value("count", "N", "pods to run")
        .Value("namespace", "NS", "their namespace");

    public const string Usage = """
        Autoscale.ScrapeBench: the scrape stage measured over emulated vLLM pods on loopback.

          scrape-loop --pods N [--interval 2s] [--duration 60s] [--warmup 15s] [--baseline 10s] [--warm-pods 10] [--keep-alive false] [--json FILE]
              Emulated pods in a child process; the real ScrapeService here. Reports CPU (cores) and memory per pod
              of the scrape stage (against an idle and a warm baseline of --warm-pods pods already scraped), and
              the freshness of values read through CatalogMetricsProvider meanwhile.
          store-vs-prometheus [--pods 100] [--iterations 2000] [--json FILE]
              One namespace's pods/*/vllm_queue_depth from the scrape store vs the equivalent PromQL instant query
              on a real prometheus (skipped if prometheus is not on PATH).
          hostile-pages [--values 1000,10000,20000,100000] [--cpu-per-size 3s]
              One target's PageMapper on pages with many distinct model_name values: CPU per page and per MB, and
              the managed heap before, during and after such pages (issue #12).
          pods --count N [--namespace bench]
              (child) Runs N emulated vLLM pods with a light load; prints "pod NAME PORT" lines, then "ready";
              exits when stdin closes.
        """;

    public static Cli Parse(IEnumerable<string> args) => new(Flags.Parse([.. args]));

    public int Int(string name, int fallback) =>
        values.Get(name) is { } v ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i > 0 ? i : throw new FlagException($"--{name} wants a positive integer") : fallback;

    public string String(string name, string fallback) => values.Get(name) ?? fallback;

    public string? Optional(string name) => values.Get(name);

    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        if (values.Get(name) is not { } v)
        {
            return fallback;
        }

        return GoDuration.TryParseOrSeconds(v, out var duration) && duration > TimeSpan.Zero
            ? duration
            : throw new FlagException($"--{name} wants a duration such as 2s, 500ms or 1m30s");
    }
}
