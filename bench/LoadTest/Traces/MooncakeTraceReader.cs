using System.Text.Json;

namespace Autoscale.LoadTest.Traces;

/// <summary>
/// Reads a Mooncake JSONL trace: one object per line, <c>{"timestamp": ms, "input_length": n, "output_length": n,
/// "hash_ids": [...]}</c>. Prefix-cache hash ids are ignored (the replica model has no prefix cache).
/// </summary>
internal static class MooncakeTraceReader
{
    public static Trace Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static Trace Read(TextReader reader, string source)
    {
        var rows = new List<(double At, int Input, int Output)>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new TraceFormatException(source, lineNumber, "expected a JSON object");
                }

                var at = Number(root, "timestamp", source, lineNumber);
                var input = (int)Number(root, "input_length", source, lineNumber);
                var output = (int)Number(root, "output_length", source, lineNumber);
                if (at < 0 || input < 0 || output < 0)
                {
                    throw new TraceFormatException(source, lineNumber, "timestamp, input_length and output_length must be non-negative");
                }

                rows.Add((at / 1000.0, input, Math.Max(1, output)));
            }
            catch (JsonException e)
            {
                throw new TraceFormatException(source, lineNumber, "invalid JSON: " + e.Message);
            }
        }

        // Mooncake rows are sorted by timestamp already; a stable sort keeps equal timestamps in file order.
        var ordered = rows.Select((r, i) => (r, i)).OrderBy(x => x.r.At).ThenBy(x => x.i).ToList();
        var origin = ordered.Count == 0 ? 0 : ordered[0].r.At;
        var requests = ordered.Select((x, id) => new TraceRequest(id, x.r.At - origin, x.r.Input, x.r.Output)).ToList();
        return new Trace(source, requests);
    }

    private static double Number(JsonElement root, string name, string source, int line)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
        {
            throw new TraceFormatException(source, line, $"missing or non-numeric \"{name}\"");
        }

        return value.GetDouble();
    }
}
