using System.Globalization;
using Autoscale.Hosting.Flags;
using Autoscale.LoadTest.Cli;

namespace Autoscale.LoadTest.Adapter;

/// <summary>Parses <c>adapter</c> flags (and its child roles' flags) strictly, like <see cref="CliParser"/>.</summary>
internal static class AdapterCliParser
{
    public static readonly string[] AllModes = ["table", "stress", "rate", "cost"];

    /// <summary>The <c>adapter</c> flags, declared once: <see cref="Parse"/> reads them and <see cref="AdapterHelpText.Usage"/> lists them.</summary>
    public static readonly FlagSet Flags = new FlagSet()
        .Value("modes", "LIST", "comma-separated, default all: " + string.Join(',', AllModes))
        .Value("pods", "LIST", "table/stress pod counts (default 10,100,1000,5000)")
        .Value("hpas", "LIST", "table HPA counts (default 10,100,1000); min(HPAs, pods) Deployments share the pods,\neach HPA queries its Deployment's pods every 15 s")
        .Value("seconds", "S", "per table cell and cost row (default 30)")
        .Value("stress-seconds", "S", "closed loop as fast as possible, each query min(N, 100) pods (default 10)")
        .Value("connections", "N", "keep-alive connections (default 16)")
        .Value("rate", "Q", "rate mode: open-loop queries/s (default 1000)")
        .Value("rate-pods", "N", "rate mode: pods per query, and in the fleet (default 100)")
        .Value("rate-seconds", "S", "rate mode: duration (default 30)")
        .Value("repeat", "N", "run each table cell and the rate test N times (default 1)")
        .Value("warmup", "S", "closed-loop warm-up after each start, before anything is measured (default 10)")
        .Value("scrape-interval", "S", "the adapter's scrape interval in seconds (default 2, the product default)")
        .Value("adapter-cpus", "LIST", "pin the adapter child with taskset -c LIST (e.g. 1); pin this process by starting\nit under taskset (e.g. taskset -c 0 ...); the cluster child inherits that")
        .Value("cluster-cpus", "LIST", "pin the cluster child instead")
        .Value("json", "FILE", "write every scenario (with the load average at its end) as JSON")
        .Bool("quick", "10/100 pods x 10/100 HPAs, seconds-long runs (CI-size)")
        .Bool("help", "this text")
        .Alias("-h", "help");

    // The child roles the command starts itself.
    private static readonly FlagSet ClusterFlags = new FlagSet()
        .Value("pods", "N", "emulated pods")
        .Value("layouts", "LIST", "pods per Deployment")
        .Bool("static", "pods that never change");

    private static readonly FlagSet ServeBenchFlags = new FlagSet()
        .Value("api", "URL", "the cluster child's loopback URL")
        .Value("pki", "DIR", "the test PKI")
        .Value("scrape-interval", "S", "seconds");

    public static AdapterLoadOptions Parse(IReadOnlyList<string> args)
    {
        var values = Flags.Parse([.. args.Skip(1)]);
        var quick = values.Bool("quick");
        var modes = values.Get("modes") is { } m ? m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : AllModes;
        foreach (var mode in modes)
        {
            if (!AllModes.Contains(mode))
            {
                throw new FlagException($"unknown mode '{mode}'; known: {string.Join(',', AllModes)}");
            }
        }

        return new AdapterLoadOptions(
            modes.Distinct().ToList(),
            Ints(values, "pods", quick ? [10, 100] : [10, 100, 1000, 5000]),
            Ints(values, "hpas", quick ? [10, 100] : [10, 100, 1000]),
            Number(values, "seconds", quick ? 5 : 30),
            Number(values, "stress-seconds", quick ? 3 : 10),
            Number(values, "rate", 1000),
            (int)Number(values, "rate-pods", 100),
            Number(values, "rate-seconds", quick ? 5 : 30),
            (int)Number(values, "repeat", 1),
            Number(values, "warmup", quick ? 1 : 10),
            new RigOptions(
                TimeSpan.FromSeconds(Number(values, "scrape-interval", 2)),
                (int)Number(values, "connections", 16),
                Cpus(values, "adapter-cpus"),
                Cpus(values, "cluster-cpus")),
            values.Get("json"));
    }

    /// <summary><c>adapter cluster --pods N --layouts LIST [--static]</c>.</summary>
    public static ClusterOptions ParseCluster(IReadOnlyList<string> args)
    {
        var values = ClusterFlags.Parse([.. args.Skip(2)]);
        return new ClusterOptions((int)Number(values, "pods", 10), Ints(values, "layouts", [1]), values.Bool("static"));
    }

    /// <summary><c>adapter serve-bench --api URL --pki DIR [--scrape-interval SECONDS]</c>.</summary>
    public static ServeBenchOptions ParseServeBench(IReadOnlyList<string> args)
    {
        var values = ServeBenchFlags.Parse([.. args.Skip(2)]);
        var api = values.Get("api") is { } a && Uri.TryCreate(a, UriKind.Absolute, out var uri) && uri.IsLoopback
            ? uri
            : throw new FlagException("--api takes the cluster child's loopback URL");
        var pki = values.Get("pki") is { } p ? p : throw new FlagException("--pki is required");
        var interval = Number(values, "scrape-interval", 2);
        return interval >= 0.5 ? new ServeBenchOptions(api, pki, TimeSpan.FromSeconds(interval)) : throw new FlagException("--scrape-interval is at least 0.5 s");
    }

    private static string? Cpus(ParsedFlags values, string flag)
    {
        if (values.Get(flag) is not { } text)
        {
            return null;
        }

        return text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is ',' or '-')
            ? text
            : throw new FlagException($"--{flag} takes a taskset CPU list such as 1 or 0,1 or 0-1, not '{text}'");
    }

    private static List<int> Ints(ParsedFlags values, string flag, int[] fallback)
    {
        if (values.Get(flag) is not { } text)
        {
            return [.. fallback];
        }

        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            list.Add(int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new FlagException($"--{flag} takes positive integers, not '{part}'"));
        }

        return list.Count > 0 ? list : throw new FlagException($"--{flag} is empty");
    }

    private static double Number(ParsedFlags values, string flag, double fallback)
    {
        if (values.Get(flag) is not { } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v)
            ? v
            : throw new FlagException($"--{flag} must be a positive number, not '{text}'");
    }
}
