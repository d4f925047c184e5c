using System.Globalization;
using Autoscale.MetricsAdapter.Sources.Exposition;

namespace Autoscale.MetricsAdapter.Tests.Sources.Exposition;

/// <summary>One line of a <c>.golden</c> file, or the same shape built from a parsed sample.</summary>
internal sealed record GoldenLine(string Family, string Suffix, string Series, double Value, long? TimestampMs)
{
    public static GoldenLine Parse(string line)
    {
        string[] head = line.Split(' ', 3);
        string rest = head[2];
        long? timestamp = null;
        int at = rest.LastIndexOf(" @", StringComparison.Ordinal);
        if (at > rest.LastIndexOf('}'))
        {
            timestamp = long.Parse(rest[(at + 2)..], CultureInfo.InvariantCulture);
            rest = rest[..at];
        }

        int space = rest.LastIndexOf(' ');
        return new GoldenLine(head[0], head[1], rest[..space], ParseValue(rest[(space + 1)..]), timestamp);
    }

    public static GoldenLine From(ParsedSample sample)
    {
        var labels = sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => $"{l.Key}=\"{Escape(l.Value)}\"");
        string series = $"{sample.Name}{{{string.Join(',', labels)}}}";
        string suffix = sample.Family is null ? "-" : sample.Suffix.ToString();
        return new GoldenLine(sample.Family ?? "-", suffix, series, sample.Value, sample.TimestampMs);
    }

    public bool SameAs(GoldenLine other) =>
        Family == other.Family && Suffix == other.Suffix && Series == other.Series
        && TimestampMs == other.TimestampMs
        && BitConverter.DoubleToInt64Bits(Value) == BitConverter.DoubleToInt64Bits(other.Value);

    public override string ToString() =>
        $"{Family} {Suffix} {Series} {Value.ToString("R", CultureInfo.InvariantCulture)}"
        + (TimestampMs is { } ts ? $" @{ts}" : string.Empty);

    private static double ParseValue(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}
