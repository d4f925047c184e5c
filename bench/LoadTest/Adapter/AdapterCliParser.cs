using System.Globalization;
using Autoscale.LoadTest.Cli;

namespace Autoscale.LoadTest.Adapter;

/// <summary>Parses <c>adapter</c> flags strictly, like <see cref="CliParser"/>.</summary>
internal static class AdapterCliParser
{
    public static readonly string[] AllModes = ["table", "stress", "rate", "cost"];

    private static readonly HashSet<string> Known =
        ["--modes", "--pods", "--hpas", "--seconds", "--connections", "--stress-seconds", "--rate", "--rate-pods", "--rate-seconds", "--json"];

    public static AdapterLoadOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var quick = false;
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] == "--quick")
            {
                quick = true;
                continue;
            }

            if (!Known.Contains(args[i]))
            {
                throw new CliUsageException($"unknown option '{args[i]}'");
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliUsageException($"option '{args[i]}' needs a value");
            }

            values[args[i]] = args[++i];
        }

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
            (int)Number(values, "--connections", 16),
            Number(values, "--stress-seconds", quick ? 3 : 10),
            Number(values, "--rate", 1000),
            (int)Number(values, "--rate-pods", 100),
            Number(values, "--rate-seconds", quick ? 5 : 30),
            values.GetValueOrDefault("--json"));
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
