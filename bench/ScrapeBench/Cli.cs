using System.Globalization;
using Autoscale.Kubernetes;

namespace Autoscale.ScrapeBench;

internal sealed class CliException(string message) : Exception(message);

/// <summary>"--name value" options, durations as 500ms / 2s / 1m.</summary>
internal sealed class Cli(Dictionary<string, string> values)
{
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

    public static Cli Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var key = e.Current;
            if (!key.StartsWith("--", StringComparison.Ordinal) || !e.MoveNext())
            {
                throw new CliException($"expected '--name value', got '{key}'");
            }

            values[key[2..]] = e.Current;
        }

        return new Cli(values);
    }

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var v) ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i > 0 ? i : throw new CliException($"--{name} wants a positive integer") : fallback;

    public string String(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public string? Optional(string name) => values.GetValueOrDefault(name);

    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        if (!values.TryGetValue(name, out var v))
        {
            return fallback;
        }

        return GoDuration.TryParseOrSeconds(v, out var duration) && duration > TimeSpan.Zero
            ? duration
            : throw new CliException($"--{name} wants a duration such as 2s, 500ms or 1m30s");
    }
}
