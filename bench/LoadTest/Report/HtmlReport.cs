using System.Globalization;
using System.Net;
using System.Text;
using Autoscale.LoadTest.Simulation;

namespace Autoscale.LoadTest.Report;

/// <summary>
/// The self-contained HTML report: the run's inputs, the comparison table, and inline SVG charts (demand vs ready
/// capacity, desired replicas, per-minute p95 TTFT, TTFT and queue-wait percentiles, cold starts).
/// </summary>
internal static class HtmlReport
{
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"];

    public static string Render(SimulationSummary summary, IReadOnlyList<RunResult> runs, FluidBound bound)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Autoscale load-test simulation</title>");
        html.Append("<style>body{font-family:sans-serif;margin:24px;max-width:1000px}table{border-collapse:collapse;font-size:13px}");
        html.Append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}td:first-child{text-align:left}</style></head><body>");
        html.Append("<h1>Autoscale load-test simulation</h1>");
        html.Append(CultureInfo.InvariantCulture,
            $"<p>Trace <b>{E(summary.Trace)}</b> ({summary.Requests} requests over {SvgChart.F(summary.DurationSeconds / 60)} min, rate ×{summary.RateScale}, time ×{summary.TimeScale}), profile <b>{E(summary.Profile)}</b>, seed {summary.Seed}. ");
        html.Append(CultureInfo.InvariantCulture,
            $"SLO: TTFT ≤ {summary.SloTtftSeconds} s. One replica sustains {summary.ReplicaCapacityRequestsPerSecond:0.##} req/s of this trace; the fluid lower bound is {summary.LowerBoundGpuHours:0.###} GPU-hours. ");
        html.Append(CultureInfo.InvariantCulture,
            $"One replica meets the SLO for 99 % of requests up to {summary.SloCapacityRequestsPerSecond:0.###} req/s; at that rate the SLO-capacity reference is {summary.SloCapacityGpuHours:0.###} GPU-hours. The oracle row, if present, reads the future and is a reference, not a policy.</p>");
        AppendTable(html, summary);

        var demand = new ChartSeries("demand (fluid)", "#000", bound.ReplicasPerBin.Select((r, i) => ((i + 0.5) * bound.BinSeconds / 60, (double)r)).ToList());
        var ready = new List<ChartSeries> { demand };
        ready.AddRange(runs.Select((r, i) => new ChartSeries(r.Policy, Color(i), r.Series.Select(p => (p.At / 60, (double)p.Ready)).ToList())));
        html.Append(SvgChart.Render("Demand vs ready replicas", "minutes", "replicas", ready));
        html.Append(SvgChart.Render("Desired replicas (what each policy asked for)", "minutes", "replicas",
            runs.Select((r, i) => new ChartSeries(r.Policy, Color(i), r.Series.Select(p => (p.At / 60, (double)p.Desired)).ToList())).ToList()));
        html.Append(SvgChart.Render("p95 TTFT per minute of arrival (clipped at 30 s)", "minutes", "seconds",
            runs.Select((r, i) => new ChartSeries(r.Policy, Color(i), PerMinuteP95(r))).ToList(), 30));
        html.Append(SvgChart.Render("Cold starts: create → ready (each dot a replica)", "minutes", "seconds",
            runs.Select((r, i) => new ChartSeries(r.Policy, Color(i), r.ColdStarts.Select(c => (c.ReadyAt / 60, c.Seconds)).ToList(), Dots: true)).ToList()));
        AppendPercentileBars(html, summary);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, SimulationSummary summary)
    {
        html.Append("<table><tr><th>policy</th><th>SLO attainment</th><th>from min 20</th><th>TTFT p50</th><th>p95</th><th>p99</th><th>queue wait p50</th><th>p95</th><th>p99</th>");
        html.Append("<th>GPU-hours</th><th>× lower bound</th><th>× SLO-capacity</th><th>scale events</th><th>cold starts</th><th>dropped</th></tr>");
        foreach (var p in summary.Policies)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(p.Name)}</td><td>{p.SloAttainment:P1}</td><td>{p.SloAttainmentAfterWarmup:P1}</td><td>{p.TtftP50Seconds:0.00}</td><td>{p.TtftP95Seconds:0.00}</td><td>{p.TtftP99Seconds:0.00}</td>");
            html.Append(CultureInfo.InvariantCulture,
                $"<td>{p.QueueWaitP50Seconds:0.00}</td><td>{p.QueueWaitP95Seconds:0.00}</td><td>{p.QueueWaitP99Seconds:0.00}</td><td>{p.GpuHours:0.00}</td><td>{p.CostRatio:0.00}</td><td>{p.CostRatioSloCapacity:0.00}</td><td>{p.ScaleEvents}</td><td>{p.ColdStarts}</td><td>{p.Dropped}</td></tr>");
        }

        html.Append("</table><p>GPU-hours bill every GPU node from its provisioning request until the Cluster Autoscaler removes it (warm placeholders included). Seconds everywhere.</p>");
    }

    private static void AppendPercentileBars(StringBuilder html, SimulationSummary summary)
    {
        var series = new List<ChartSeries>();
        for (var i = 0; i < summary.Policies.Count; i++)
        {
            var p = summary.Policies[i];
            series.Add(new ChartSeries(p.Name + " TTFT", Color(i), [(50, p.TtftP50Seconds), (95, p.TtftP95Seconds), (99, p.TtftP99Seconds)]));
        }

        html.Append(SvgChart.Render("TTFT percentiles (x = percentile)", "percentile", "seconds", series));
        series.Clear();
        for (var i = 0; i < summary.Policies.Count; i++)
        {
            var p = summary.Policies[i];
            series.Add(new ChartSeries(p.Name + " queue", Color(i), [(50, p.QueueWaitP50Seconds), (95, p.QueueWaitP95Seconds), (99, p.QueueWaitP99Seconds)]));
        }

        html.Append(SvgChart.Render("Queue-wait percentiles (x = percentile)", "percentile", "seconds", series));
    }

    private static List<(double X, double Y)> PerMinuteP95(RunResult run) =>
        run.Requests.TtftByTime
            .GroupBy(t => (int)(t.At / 60))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key + 0.5, Percentiles.Of(g.Select(x => x.Ttft).ToList(), 95)))
            .ToList();

    private static string Color(int index) => Palette[index % Palette.Length];

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
