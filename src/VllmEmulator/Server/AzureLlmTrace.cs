using System.Globalization;

namespace Autoscale.VllmEmulator.Server;

/// <summary>
/// Reads the Azure LLM inference traces 2023 (Splitwise, CC BY 4.0): <c>TIMESTAMP,ContextTokens,GeneratedTokens</c>
/// with wall-clock timestamps like <c>2023-11-16 18:17:03.9799600</c>, in time order. The one reader of the format:
/// the emulator's trace driver, the demo and the load-test simulator (<c>bench/LoadTest/Traces</c>) all use it.
/// Arrivals become seconds after the first row; a malformed line is an <see cref="AzureTraceFormatException"/>.
/// </summary>
public static class AzureLlmTrace
{
    private const string Header = "TIMESTAMP,ContextTokens,GeneratedTokens";
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss"];

    public static IReadOnlyList<TraceRequest> Load(string path, int maxRows = int.MaxValue)
    {
        using var reader = new StreamReader(path);
        return Read(reader, maxRows);
    }

    public static IReadOnlyList<TraceRequest> Read(TextReader reader, int maxRows = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine() ?? throw new AzureTraceFormatException(1, $"empty file; expected header '{Header}'");
        if (!string.Equals(header.Trim().TrimStart('\uFEFF'), Header, StringComparison.Ordinal))
        {
            throw new AzureTraceFormatException(1, $"expected header '{Header}' but found '{header}'");
        }

        var rows = new List<TraceRequest>();
        DateTime? first = null;
        var previous = double.NegativeInfinity;
        var lineNumber = 1;
        while (rows.Count < maxRows && reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 3)
            {
                throw new AzureTraceFormatException(lineNumber, $"expected 3 fields ({Header}) but found {fields.Length}");
            }

            if (!DateTime.TryParseExact(fields[0].Trim(), TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                throw new AzureTraceFormatException(lineNumber, $"bad TIMESTAMP '{fields[0]}' (expected yyyy-MM-dd HH:mm:ss.fffffff)");
            }

            var prompt = Tokens(fields[1], "ContextTokens", lineNumber);
            var output = Tokens(fields[2], "GeneratedTokens", lineNumber);
            first ??= at;
            var seconds = (at - first.Value).TotalSeconds;
            if (seconds < previous)
            {
                throw new AzureTraceFormatException(lineNumber, "timestamps must not go backwards");
            }

            previous = seconds;
            rows.Add(new TraceRequest(seconds, prompt, output));
        }

        return rows;
    }

    private static int Tokens(string text, string column, int line) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new AzureTraceFormatException(line, $"bad {column} '{text}' (expected a non-negative integer)");
}
