using System.Text;
using System.Text.Json;

namespace Autoscale.ScaleController.Decide.History;

/// <summary>
/// The HPA annotation <c>autoscale.dev/cold-start-history</c>: compact JSON
/// <c>{"v":1,"s":[["pod",readyUnixSeconds,scheduling,pull,load(,nodeProvision,nodeStartup)],…]}</c>: the two node
/// parts of scheduling are appended only to samples that have them, so a value written before they existed decodes
/// as it did, and an older controller reading a newer value ignores them (it reads the first five). At most 100
/// samples of a 253-byte pod name keep it far below the 256 KiB annotation limit. An unreadable value decodes as
/// empty: the history is relearnt rather than the controller stopped.
/// </summary>
internal static class ColdStartHistoryCodec
{
    public const string Annotation = "autoscale.dev/cold-start-history";
    private const int Version = 1;

    public static string Encode(ColdStartHistory history)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", Version);
            json.WriteStartArray("s");
            foreach (var s in history.Samples)
            {
                json.WriteStartArray();
                json.WriteStringValue(s.Pod);
                json.WriteNumberValue(s.ReadyAt.ToUnixTimeSeconds());
                json.WriteNumberValue(s.SchedulingSeconds);
                json.WriteNumberValue(s.PullSeconds);
                json.WriteNumberValue(s.LoadSeconds);
                if (s.Node is { } node)
                {
                    json.WriteNumberValue(node.ProvisionSeconds);
                    json.WriteNumberValue(node.StartupSeconds);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static ColdStartHistory Decode(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return ColdStartHistory.Empty;
        }

        try
        {
            using var doc = JsonDocument.Parse(value);
            var root = doc.RootElement;
            if (root.GetProperty("v").GetInt32() != Version)
            {
                return ColdStartHistory.Empty;
            }

            var samples = new List<ColdStartSample>();
            foreach (var item in root.GetProperty("s").EnumerateArray())
            {
                samples.Add(new ColdStartSample(
                    item[0].GetString() ?? "",
                    DateTimeOffset.FromUnixTimeSeconds(item[1].GetInt64()),
                    item[2].GetInt32(),
                    item[3].GetInt32(),
                    item[4].GetInt32(),
                    Node(item)));
            }

            return ColdStartHistory.Empty.Add(samples, int.MaxValue);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or ArgumentOutOfRangeException or FormatException)
        {
            return ColdStartHistory.Empty;
        }
    }

    // A split that does not fit inside its scheduling phase is dropped; the sample itself stays.
    private static NodeWait? Node(JsonElement item)
    {
        if (item.GetArrayLength() < 7)
        {
            return null;
        }

        var (provision, startup) = (item[5].GetInt32(), item[6].GetInt32());
        return provision >= 0 && startup >= 0 && (long)provision + startup <= item[2].GetInt32() ? new NodeWait(provision, startup) : null;
    }
}
