using System.Globalization;
using System.Text;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// The adapter's own request-duration histogram (<c>autoscale_adapter_request_duration_seconds</c>, all routes and
/// codes summed): time from its first middleware to the end of the response, so neither TLS, Kestrel's parsing and
/// queueing nor the wait for a thread is in it. Compared with what the client saw, it tells whether a tail is the
/// adapter's work or the way to it. Cumulative counts per upper bound (seconds), as Prometheus buckets are.
/// </summary>
internal sealed record ServerLatency(IReadOnlyList<double> Bounds, IReadOnlyList<long> Cumulative)
{
    public const string Metric = "autoscale_adapter_request_duration_seconds_bucket";

    public long Count => Cumulative.Count == 0 ? 0 : Cumulative[^1];

    /// <summary>Sums the metric's buckets over all label sets in a Prometheus text exposition.</summary>
    public static ServerLatency FromExposition(string text)
    {
        var sums = new SortedDictionary<double, long>();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(Metric + "{", StringComparison.Ordinal))
            {
                continue;
            }

            var le = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
            var bound = line[le..line.IndexOf('"', le)];
            var value = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            var key = bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture);
            sums[key] = sums.GetValueOrDefault(key) + (long)value;
        }

        return new ServerLatency([.. sums.Keys], [.. sums.Values]);
    }

    /// <summary>One line for the stdin protocol: <c>server-latency B=C B=C ...</c>.</summary>
    public string ToLine()
    {
        var line = new StringBuilder("server-latency");
        for (var i = 0; i < Bounds.Count; i++)
        {
            line.Append(CultureInfo.InvariantCulture, $" {(double.IsPositiveInfinity(Bounds[i]) ? "+Inf" : Bounds[i].ToString("R", CultureInfo.InvariantCulture))}={Cumulative[i]}");
        }

        return line.ToString();
    }

    public static ServerLatency FromLine(string line)
    {
        var parts = line.Split(' ');
        if (parts[0] != "server-latency")
        {
            throw new FormatException($"expected 'server-latency B=C ...', got '{line}'");
        }

        var bounds = new List<double>();
        var counts = new List<long>();
        foreach (var part in parts.Skip(1))
        {
            var (bound, count) = part.Split('=') is [var b, var c] ? (b, c) : throw new FormatException($"bad bucket '{part}'");
            bounds.Add(bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture));
            counts.Add(long.Parse(count, CultureInfo.InvariantCulture));
        }

        return new ServerLatency(bounds, counts);
    }

    /// <summary>The requests between two snapshots of the same server.</summary>
    public ServerLatency Since(ServerLatency before) =>
        before.Count == 0 ? this : new ServerLatency(Bounds, [.. Cumulative.Select((c, i) => c - before.Cumulative[i])]);

    /// <summary>The upper bound (ms) of the bucket holding the percentile; +∞ when it is past the last finite bound.</summary>
    public double PercentileUpperBoundMs(double percentile)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = Math.Ceiling(Count * percentile / 100);
        for (var i = 0; i < Bounds.Count; i++)
        {
            if (Cumulative[i] >= rank)
            {
                return Bounds[i] * 1000;
            }
        }

        return double.PositiveInfinity;
    }

    /// <summary>Share of requests that took at most <paramref name="ms"/> (a bucket bound) inside the adapter.</summary>
    public double ShareWithinMs(double ms)
    {
        var i = Bounds.ToList().FindIndex(b => Math.Abs(b * 1000 - ms) < 1e-9);
        return Count == 0 || i < 0 ? double.NaN : (double)Cumulative[i] / Count;
    }
}
