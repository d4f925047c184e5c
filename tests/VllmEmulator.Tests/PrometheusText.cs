using System.Globalization;
using System.Text.RegularExpressions;

namespace Autoscale.VllmEmulator.Tests;

/// <summary>A strict line-shape check of Prometheus text format 0.0.4, returning the samples it read.</summary>
internal static partial class PrometheusText
{
    public static IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> Parse(string page)
    {
        Assert.EndsWith("\n", page, StringComparison.Ordinal);
        var samples = new List<(string, IReadOnlyDictionary<string, string>, double)>();
        var typed = new Dictionary<string, string>();
        foreach (var line in page.TrimEnd('\n').Split('\n'))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                Assert.Matches(HelpLine(), line);
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var type = TypeLine().Match(line);
                Assert.True(type.Success, $"bad TYPE line: {line}");
                Assert.True(typed.TryAdd(type.Groups[1].Value, type.Groups[2].Value), $"family typed twice: {line}");
                continue;
            }

            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"bad sample line: {line}");
            var labels = new Dictionary<string, string>();
            foreach (Match label in LabelPair().Matches(sample.Groups[2].Value))
            {
                Assert.True(labels.TryAdd(label.Groups[1].Value, label.Groups[2].Value), $"duplicate label: {line}");
            }

            samples.Add((sample.Groups[1].Value, labels, ParseValue(sample.Groups[3].Value)));
        }

        return samples;
    }

    public static double Value(
        this IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> samples,
        string name,
        params (string Key, string Value)[] labels) =>
        samples.Single(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Value;

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* \S.*$")]
    private static partial Regex HelpLine();

    [GeneratedRegex(@"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\]|\\.)*"",?)*\})? ([-+]?(?:[0-9.]+(?:e[-+]?[0-9]+)?|Inf)|NaN)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
