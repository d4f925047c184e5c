using System.Globalization;

namespace Autoscale.LoadTest.Traces;

/// <summary>
/// A day-long arrival curve from ServeGen per-client 10-minute windows (<c>window_start_s,rate,cv,pattern,p1,p2</c>,
/// CRLF, no header). Following ServeGen's own generator, released rates are only relative weights: the summed
/// client rate is rescaled to <paramref name="meanRate"/> on average, and arrivals within each window are Poisson
/// (seeded). Request sizes are drawn from a per-request trace because ServeGen's length PDFs are not bundled.
/// </summary>
internal static class ServeGenCurve
{
    private const double WindowSeconds = 600;

    public static IReadOnlyList<double> ReadTotalRates(string directory)
    {
        var files = Directory.GetFiles(directory, "*-trace.csv").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new TraceFormatException($"{directory}: no ServeGen '*-trace.csv' files found");
        }

        var totals = new List<double>();
        foreach (var file in files)
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                var fields = line.TrimEnd('\r').Split(',');
                if (fields.Length != 6)
                {
                    throw new TraceFormatException(Path.GetFileName(file), lineNumber, $"expected 6 fields (window_start_s,rate,cv,pattern,param1,param2) but found {fields.Length}");
                }

                if (!double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var start) || start < 0)
                {
                    throw new TraceFormatException(Path.GetFileName(file), lineNumber, $"bad window_start_s '{fields[0]}'");
                }

                if (!double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate < 0 || double.IsNaN(rate))
                {
                    throw new TraceFormatException(Path.GetFileName(file), lineNumber, $"bad rate '{fields[1]}'");
                }

                var index = (int)(start / WindowSeconds);
                while (totals.Count <= index)
                {
                    totals.Add(0);
                }

                totals[index] += rate;
            }
        }

        return totals;
    }

    public static Trace Generate(string name, IReadOnlyList<double> windowRates, double meanRate, double durationSeconds, Trace sizes, int seed)
    {
        if (sizes.Requests.Count == 0)
        {
            throw new TraceFormatException($"{sizes.Name}: the size trace has no requests");
        }

        var windows = Math.Min(windowRates.Count, (int)Math.Ceiling(durationSeconds / WindowSeconds));
        var mean = windowRates.Take(windows).DefaultIfEmpty(0).Average();
        var scale = mean > 0 ? meanRate / mean : 0;
        var random = new Random(seed);
        var requests = new List<TraceRequest>();
        for (var w = 0; w < windows; w++)
        {
            var rate = windowRates[w] * scale;
            if (rate <= 0)
            {
                continue;
            }

            var t = w * WindowSeconds;
            var end = Math.Min((w + 1) * WindowSeconds, durationSeconds);
            while (true)
            {
                t += -Math.Log(1 - random.NextDouble()) / rate;
                if (t >= end)
                {
                    break;
                }

                var size = sizes.Requests[random.Next(sizes.Requests.Count)];
                requests.Add(new TraceRequest(requests.Count, t, size.InputTokens, size.OutputTokens));
            }
        }

        return new Trace(name, requests);
    }
}
