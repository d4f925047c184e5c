using System.Text.Json;

namespace Autoscale.LoadTest.Traces;

/// <summary>
/// Reads a Mooncake JSONL trace: one object per line, <c>{"timestamp": ms, "input_length": n, "output_length": n,
/// "hash_ids": [...]}</c>. <c>hash_ids</c> (optional) name the prompt's 512-token blocks, chained (equal ids mean an
/// equal prefix up to that block: kvcache-ai/Mooncake <c>FAST25-release/traces</c> README); they feed the replicas'
/// prefix cache.
/// </summary>
internal static class MooncakeTraceReader
{
    /// <summary>Tokens per hash id in the Mooncake traces.</summary>
    public const int HashBlockTokens = 512;

    public static Trace Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static Trace Read(TextReader reader, string source)
    {
        var rows = new List<(double At, int Input, int Output, long[] Hashes)>();
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

                rows.Add((at / 1000.0, input, Math.Max(1, output), HashIds(root, source, lineNumber)));
            }
            catch (JsonException e)
            {
                throw new TraceFormatException(source, lineNumber, "invalid JSON: " + e.Message);
            }
        }

        // Mooncake rows are sorted by timestamp already; a stable sort keeps equal timestamps in file order.
        var ordered = rows.Select((r, i) => (r, i)).OrderBy(x => x.r.At).ThenBy(x => x.i).ToList();
        var origin = ordered.Count == 0 ? 0 : ordered[0].r.At;
        var requests = ordered.Select((x, id) => new TraceRequest(id, x.r.At - origin, x.r.Input, x.r.Output)
        {
            PrefixHashes = x.r.Hashes,
            PrefixBlockTokens = x.r.Hashes.Length == 0 ? 0 : HashBlockTokens,
        }).ToList();
        return new Trace(source, requests);
    }

    private static long[] HashIds(JsonElement root, string source, int line)
    {
        if (!root.TryGetProperty("hash_ids", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new TraceFormatException(source, line, "\"hash_ids\" must be an array of integers");
        }

        var ids = new long[value.GetArrayLength()];
        var i = 0;
        foreach (var id in value.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out ids[i++]))
            {
                throw new TraceFormatException(source, line, "\"hash_ids\" must be an array of integers");
            }
        }

        return ids;
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
