using System.Diagnostics;
using System.Text.Json;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// Sends queries. Open loop: request i is due at its scheduled time whatever happened before, and its latency is
/// measured from that time (so a stalled server shows up as latency, not as fewer requests). Closed loop: each of
/// C workers sends its next request as soon as the previous answer arrived.
/// </summary>
internal static class LoadDriver
{
    /// <summary>H HPAs, each querying its Deployment (h mod D) every 15 s, first queries spread uniformly over 15 s.</summary>
    public static List<(double At, int Deployment)> HpaSchedule(int hpas, int deployments, double seconds)
    {
        var schedule = new List<(double, int)>();
        for (var h = 0; h < hpas; h++)
        {
            for (var t = h * 15.0 / hpas; t < seconds; t += 15)
            {
                schedule.Add((t, h % deployments));
            }
        }

        schedule.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return schedule;
    }

    public static List<(double At, int Deployment)> RateSchedule(double rate, int deployments, double seconds) =>
        Enumerable.Range(0, (int)(rate * seconds)).Select(i => (i / rate, i % deployments)).ToList();

    /// <summary>Sends each query of layout <paramref name="layout"/> at its scheduled time.</summary>
    public static async Task<(LatencyRecorder Latency, double Seconds)> OpenLoopAsync(HttpClient client, int layout, IReadOnlyList<(double At, int Deployment)> schedule)
    {
        var recorder = new LatencyRecorder();
        var clock = Stopwatch.StartNew();
        var inflight = new List<Task>(schedule.Count);
        var next = 0;
        while (next < schedule.Count)
        {
            while (next < schedule.Count && schedule[next].At <= clock.Elapsed.TotalSeconds)
            {
                var (at, deployment) = schedule[next++];
                inflight.Add(SendAsync(client, BenchFleet.Query(layout, deployment), recorder, clock, TimeSpan.FromSeconds(at)));
            }

            // Sleep until the next send is due: never a spin (it would take a core from the server) and not a 1 ms
            // poll at low rates (that alone costs ~0.1 core). Timer granularity (~1 ms) counts as latency.
            var wait = next < schedule.Count ? schedule[next].At - clock.Elapsed.TotalSeconds : 0;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Clamp(wait - 0.001, 0.001, 1)), TimeProvider.System).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(inflight).ConfigureAwait(false);
        return (recorder, Math.Max(clock.Elapsed.TotalSeconds, schedule.Count > 0 ? schedule[^1].At : 0));
    }

    public static async Task<(LatencyRecorder Latency, double Seconds)> ClosedLoopAsync(HttpClient client, int workers, int layout, double seconds)
    {
        var recorder = new LatencyRecorder();
        var clock = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(seconds);
        var tasks = Enumerable.Range(0, workers).Select(async w =>
        {
            for (var i = w; clock.Elapsed < limit; i += workers)
            {
                await SendAsync(client, BenchFleet.Query(layout, i % layout), recorder, clock, clock.Elapsed).ConfigureAwait(false);
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return (recorder, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Queries Deployment d of a layout once and returns each served pod with its value (a quantity string).</summary>
    public static async Task<IReadOnlyList<(string Pod, string Value)>> GetValuesAsync(HttpClient client, int layout, int deployment)
    {
        var body = await client.GetStringAsync(new Uri(BenchFleet.Query(layout, deployment), UriKind.Relative)).ConfigureAwait(false);
        using var json = JsonDocument.Parse(body);
        var values = new List<(string, string)>();
        foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
        {
            values.Add((item.GetProperty("describedObject").GetProperty("name").GetString() ?? "", item.GetProperty("value").GetString() ?? ""));
        }

        return values;
    }

    private static async Task SendAsync(HttpClient client, string path, LatencyRecorder recorder, Stopwatch clock, TimeSpan due)
    {
        var sent = clock.Elapsed;
        try
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var done = clock.Elapsed;
                recorder.Record(done - due, done - sent);
            }
            else
            {
                recorder.Error();
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            recorder.Error();
        }
    }
}
