using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Profiles;

/// <summary>
/// What each replica profile does alone and saturated: isolated TTFT at 1k/8k/32k prompt tokens, isolated ITL, and
/// <c>vllm bench serve --request-rate inf</c> figures (1,000 requests) on a ShareGPT-like and a 1k/250 shape.
/// </summary>
internal static class ProfileReport
{
    public static readonly int[] IdlePrompts = [1_000, 8_000, 32_000];

    public static List<ProfileReportRow> Build(IEnumerable<ReplicaProfile> profiles)
    {
        var rows = new List<ProfileReportRow>();
        foreach (var profile in profiles)
        {
            var ttft = new IdleTtftSeconds(
                IdleLatency.TtftSeconds(profile, IdlePrompts[0]),
                IdleLatency.TtftSeconds(profile, IdlePrompts[1]),
                IdleLatency.TtftSeconds(profile, IdlePrompts[2]));
            foreach (var shape in RequestShapes.Report)
            {
                var saturated = SaturationBenchmark.Run(profile, shape);
                rows.Add(new ProfileReportRow(
                    profile.Name,
                    shape.Name,
                    saturated.RequestsPerSecond,
                    saturated.OutputTokensPerSecond,
                    saturated.MeanItlSeconds,
                    ttft,
                    IdleLatency.ItlSeconds(profile, (int)Math.Round(shape.MeanInputTokens), (int)Math.Round(shape.MeanOutputTokens))));
            }
        }

        return rows;
    }

    public static string ToJson(List<ProfileReportRow> rows) => JsonSerializer.Serialize(rows, ProfileReportJsonContext.Default.ListProfileReportRow);

    public static string ToTable(IReadOnlyList<ProfileReportRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"profile",-24} {"shape",-8} {"req/s",8} {"out tok/s",10} {"ITL ms",7} {"idle ITL",9} {"TTFT 1k",8} {"8k",7} {"32k",7}");
        foreach (var r in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{r.Profile,-24} {r.Shape,-8} {r.SaturatedRequestsPerSecond,8:0.00} {r.SaturatedOutputTokensPerSecond,10:0} {r.MeanItlSeconds * 1000,7:0.0} {Ms(r.IdleItlSeconds),9} {Ms(r.IdleTtftSeconds.At1000),8} {Ms(r.IdleTtftSeconds.At8000),7} {Ms(r.IdleTtftSeconds.At32000),7}");
        }

        text.AppendLine("idle ITL and TTFT in ms on an idle replica; '-' = longer than the profile's max_model_len; saturated = 1,000 requests queued at t=0, run to the last completion");
        return text.ToString();
    }

    private static string Ms(double? seconds) =>
        seconds is { } s ? (s * 1000).ToString("0.0", CultureInfo.InvariantCulture) : "-";
}
