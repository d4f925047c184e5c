using System.Globalization;
using Autoscale.LoadTest.Report;

namespace Autoscale.LoadTest.Cli;

/// <summary>Parses <c>simulate</c> flags strictly: unknown flags, missing values and bad numbers are usage errors.</summary>
internal static class CliParser
{
    public static readonly string[] AllPolicies = Policies.PolicyFactory.Names;

    public static SimulateOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] != "simulate")
        {
            throw new CliUsageException(args.Count == 0 ? "missing command: expected 'simulate' or 'adapter'" : $"unknown command '{args[0]}': expected 'simulate' or 'adapter'");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var progress = true;
        var warmPoolAll = false;
        for (var i = 1; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag == "--no-progress")
            {
                progress = false;
                continue;
            }

            if (flag == "--warm-pool-all")
            {
                warmPoolAll = true;
                continue;
            }

            if (!Known.Contains(flag))
            {
                throw new CliUsageException($"unknown option '{flag}'");
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliUsageException($"option '{flag}' needs a value");
            }

            values[flag] = args[++i];
        }

        if (!values.TryGetValue("--trace", out var trace))
        {
            throw new CliUsageException("--trace is required");
        }

        var format = values.GetValueOrDefault("--format", "azure");
        if (format is not ("azure" or "mooncake" or "servegen"))
        {
            throw new CliUsageException($"--format must be azure, mooncake or servegen, not '{format}'");
        }

        var policies = values.TryGetValue("--policies", out var list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : AllPolicies;
        foreach (var policy in policies)
        {
            if (!AllPolicies.Contains(policy))
            {
                throw new CliUsageException($"unknown policy '{policy}'; known: {string.Join(',', AllPolicies)}");
            }
        }

        var start = values.GetValueOrDefault("--start", "bound");
        if (start is not ("bound" or "steady"))
        {
            throw new CliUsageException($"--start must be bound or steady, not '{start}'");
        }

        if (policies.Length == 0)
        {
            throw new CliUsageException("--policies is empty");
        }

        return new SimulateOptions(
            trace,
            format,
            values.GetValueOrDefault("--config"),
            policies.Distinct().ToList(),
            Positive(values, "--rate-scale", 1),
            Positive(values, "--time-scale", 1),
            values.GetValueOrDefault("--profile", "llama-3.1-8b-a10g"),
            Slo(values),
            values.TryGetValue("--seed", out var seed)
                ? int.TryParse(seed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : throw new CliUsageException($"--seed must be an integer, not '{seed}'")
                : 1,
            values.GetValueOrDefault("--json"),
            values.GetValueOrDefault("--html"),
            values.GetValueOrDefault("--sizes"),
            values.ContainsKey("--duration") ? Positive(values, "--duration", 0) : null,
            Positive(values, "--servegen-rate", 5),
            progress,
            values.GetValueOrDefault("--series"),
            start == "steady",
            warmPoolAll);
    }

    private static readonly HashSet<string> Known =
    [
        "--trace", "--format", "--config", "--policies", "--rate-scale", "--time-scale", "--profile", "--slo-ttft", "--seed",
        "--slo-ttft-floor", "--slo-ttft-factor", "--slo-tpot-floor", "--slo-tpot-factor",
        "--json", "--html", "--sizes", "--duration", "--servegen-rate", "--series", "--start",
    ];

    /// <summary>The per-request SLO flags; <c>--slo-ttft</c> is the old name of <c>--slo-ttft-floor</c> and still accepted.</summary>
    private static SloOptions Slo(Dictionary<string, string> values)
    {
        if (values.ContainsKey("--slo-ttft") && values.ContainsKey("--slo-ttft-floor"))
        {
            throw new CliUsageException("--slo-ttft is an alias of --slo-ttft-floor: give one of them");
        }

        var defaults = SloOptions.Default;
        var floor = values.ContainsKey("--slo-ttft") ? Positive(values, "--slo-ttft", 0) : Positive(values, "--slo-ttft-floor", defaults.TtftFloorSeconds);
        return new SloOptions(
            floor,
            Positive(values, "--slo-ttft-factor", defaults.TtftFactor),
            Positive(values, "--slo-tpot-floor", defaults.TpotFloorSeconds),
            Positive(values, "--slo-tpot-factor", defaults.TpotFactor),
            defaults.Target);
    }

    private static double Positive(Dictionary<string, string> values, string flag, double fallback)
    {
        if (!values.TryGetValue(flag, out var text))
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || double.IsInfinity(value))
        {
            throw new CliUsageException($"{flag} must be a positive number, not '{text}'");
        }

        return value;
    }
}
