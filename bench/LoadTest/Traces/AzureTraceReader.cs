using System.Globalization;

namespace Autoscale.LoadTest.Traces;

/// <summary>
/// Reads the Azure LLM inference trace 2023 CSV (<c>TIMESTAMP,ContextTokens,GeneratedTokens</c>, wall-clock
/// timestamps with 7 fractional digits). Arrivals become seconds after the first row.
/// </summary>
internal static class AzureTraceReader
{
    private const string Header = "TIMESTAMP,ContextTokens,GeneratedTokens";
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss"];

    public static Trace Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static Trace Read(TextReader reader, string source)
    {
        var header = reader.ReadLine();
        if (header is null)
        {
            throw new TraceFormatException(source, 1, "empty file; expected header '" + Header + "'");
        }

        if (!string.Equals(header.Trim().TrimStart('\uFEFF'), Header, StringComparison.Ordinal))
        {
            throw new TraceFormatException(source, 1, $"expected header '{Header}' but found '{header}'");
        }

        var requests = new List<TraceRequest>();
        DateTime? first = null;
        var previous = double.NegativeInfinity;
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 3)
            {
                throw new TraceFormatException(source, lineNumber, $"expected 3 fields (TIMESTAMP,ContextTokens,GeneratedTokens) but found {fields.Length}");
            }

            if (!DateTime.TryParseExact(fields[0].Trim(), TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                throw new TraceFormatException(source, lineNumber, $"bad TIMESTAMP '{fields[0]}' (expected yyyy-MM-dd HH:mm:ss.fffffff)");
            }

            var input = ParseTokens(fields[1], "ContextTokens", source, lineNumber);
            var output = ParseTokens(fields[2], "GeneratedTokens", source, lineNumber);
            first ??= at;
            var seconds = (at - first.Value).TotalSeconds;
            if (seconds < previous)
            {
                throw new TraceFormatException(source, lineNumber, "timestamps must not go backwards");
            }

            previous = seconds;
            requests.Add(new TraceRequest(requests.Count, seconds, input, Math.Max(1, output)));
        }

        return new Trace(source, requests);
    }

    internal static int ParseTokens(string text, string column, string source, int line)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new TraceFormatException(source, line, $"bad {column} '{text}' (expected a non-negative integer)");
        }

        return value;
    }
}
