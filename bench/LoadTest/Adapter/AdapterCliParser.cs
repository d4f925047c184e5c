using System.Globalization;
using Autoscale.LoadTest.Cli;

namespace Autoscale.LoadTest.Adapter;

/// <summary>Parses <c>adapter</c> flags (and its child roles' flags) strictly, like <see cref="CliParser"/>.</summary>
internal static class AdapterCliParser
{
    public static readonly string[] AllModes = ["table", "stress", "rate", "cost"];

    private static readonly HashSet<string> Known =
    [
        "--modes", "--pods", "--hpas", "--seconds", "--connections", "--stress-seconds", "--rate", "--rate-pods", "--rate-seconds",
        "--repeat", "--warmup", "--scrape-interval", "--adapter-cpus", "--cluster-cpus", "--json",
    ];

    public static AdapterLoadOptions Parse(IReadOnlyList<string> args)
    {
        var (values, switches) = Flags(args, 1, Known, ["--quick"]);
        var quick = switches.Contains("--quick");
        var modes = values.TryGetValue("--modes", out var m) ? m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : AllModes;
        foreach (var mode in modes)
        {
            if (!AllModes.Contains(mode))
            {
                throw new CliUsageException($"unknown mode '{mode}'; known: {string.Join(',', AllModes)}");
            }
        }

        return new AdapterLoadOptions(
            modes.Distinct().ToList(),
            Ints(values, "--pods", quick ? [10, 100] : [10, 100, 1000, 5000]),
            Ints(values, "--hpas", quick ? [10, 100] : [10, 100, 1000]),
            Number(values, "--seconds", quick ? 5 : 30),
            Number(values, "--stress-seconds", quick ? 3 : 10),
            Number(values, "--rate", 1000),
            (int)Number(values, "--rate-pods", 100),
            Number(values, "--rate-seconds", quick ? 5 : 30),
            (int)Number(values, "--repeat", 1),
            Number(values, "--warmup", quick ? 1 : 10),
            new RigOptions(
                TimeSpan.FromSeconds(Number(values, "--scrape-interval", 2)),
                (int)Number(values, "--connections", 16),
                Cpus(values, "--adapter-cpus"),
                Cpus(values, "--cluster-cpus")),
            values.GetValueOrDefault("--json"));
    }

    /// <summary><c>adapter cluster --pods N --layouts LIST [--static]</c>.</summary>
    public static ClusterOptions ParseCluster(IReadOnlyList<string> args)
    {
        var (values, switches) = Flags(args, 2, ["--pods", "--layouts"], ["--static"]);
        return new ClusterOptions((int)Number(values, "--pods", 10), Ints(values, "--layouts", [1]), switches.Contains("--static"));
    }

    /// <summary><c>adapter serve-bench --api URL --pki DIR [--scrape-interval SECONDS]</c>.</summary>
    public static ServeBenchOptions ParseServeBench(IReadOnlyList<string> args)
    {
        var (values, _) = Flags(args, 2, ["--api", "--pki", "--scrape-interval"], []);
        var api = values.TryGetValue("--api", out var a) && Uri.TryCreate(a, UriKind.Absolute, out var uri) && uri.IsLoopback
            ? uri
            : throw new CliUsageException("--api takes the cluster child's loopback URL");
        var pki = values.TryGetValue("--pki", out var p) ? p : throw new CliUsageException("--pki is required");
        var interval = Number(values, "--scrape-interval", 2);
        return interval >= 0.5 ? new ServeBenchOptions(api, pki, TimeSpan.FromSeconds(interval)) : throw new CliUsageException("--scrape-interval is at least 0.5 s");
    }

    private static (Dictionary<string, string> Values, HashSet<string> Switches) Flags(
        IReadOnlyList<string> args, int start, HashSet<string> known, HashSet<string> switches)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = start; i < args.Count; i++)
        {
            if (switches.Contains(args[i]))
            {
                set.Add(args[i]);
                continue;
            }

            if (!known.Contains(args[i]))
            {
                throw new CliUsageException($"unknown option '{args[i]}'");
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliUsageException($"option '{args[i]}' needs a value");
            }

            values[args[i]] = args[++i];
        }

        return (values, set);
    }

    private static string? Cpus(Dictionary<string, string> values, string flag)
    {
        if (!values.TryGetValue(flag, out var text))
        {
            return null;
        }

        return text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is ',' or '-')
            ? text
            : throw new CliUsageException($"{flag} takes a taskset CPU list such as 1 or 0,1 or 0-1, not '{text}'");
    }

    private static List<int> Ints(Dictionary<string, string> values, string flag, int[] fallback)
    {
        if (!values.TryGetValue(flag, out var text))
        {
            return [.. fallback];
        }

        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            list.Add(int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new CliUsageException($"{flag} takes positive integers, not '{part}'"));
        }

        return list.Count > 0 ? list : throw new CliUsageException($"{flag} is empty");
    }

    private static double Number(Dictionary<string, string> values, string flag, double fallback)
    {
        if (!values.TryGetValue(flag, out var text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v)
            ? v
            : throw new CliUsageException($"{flag} must be a positive number, not '{text}'");
    }
}
