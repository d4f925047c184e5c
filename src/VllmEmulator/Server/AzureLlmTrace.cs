using System.Globalization;

namespace Autoscale.VllmEmulator.Server;

/// <summary>
/// Reads the Azure LLM inference traces 2023 (Splitwise, CC BY 4.0): <c>TIMESTAMP,ContextTokens,GeneratedTokens</c>
/// with wall-clock timestamps like <c>2023-11-16 18:17:03.9799600</c>, sorted by time.
/// </summary>
public static class AzureLlmTrace
{
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    public static IReadOnlyList<TraceRequest> Load(string path, int maxRows = int.MaxValue)
    {
        using var reader = new StreamReader(path);
        return Read(reader, maxRows);
    }

    public static IReadOnlyList<TraceRequest> Read(TextReader reader, int maxRows = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<TraceRequest>();
        var header = reader.ReadLine();
        if (header is null || !header.StartsWith("TIMESTAMP,", StringComparison.Ordinal))
        {
            throw new FormatException("Not an Azure LLM trace: the header must start with TIMESTAMP.");
        }

        DateTime? first = null;
        var lineNumber = 1;
        while (rows.Count < maxRows && reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var span = line.AsSpan().TrimEnd('\r');
            var c1 = span.IndexOf(',');
            var c2 = c1 < 0 ? -1 : span[(c1 + 1)..].IndexOf(',') + c1 + 1;
            if (c1 < 0 || c2 <= c1
                || !DateTime.TryParseExact(span[..c1], TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                || !int.TryParse(span[(c1 + 1)..c2], NumberStyles.None, CultureInfo.InvariantCulture, out var prompt)
                || !int.TryParse(span[(c2 + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var output))
            {
                throw new FormatException($"Line {lineNumber} is not TIMESTAMP,ContextTokens,GeneratedTokens: '{line}'.");
            }

            first ??= at;
            rows.Add(new TraceRequest((at - first.Value).TotalSeconds, prompt, output));
        }

        return rows;
    }
}
