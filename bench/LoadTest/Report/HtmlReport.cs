using System.Globalization;
using System.Net;
using System.Text;
using Autoscale.LoadTest.Simulation;

namespace Autoscale.LoadTest.Report;

/// <summary>
/// The self-contained HTML report an SRE can act on: the run's inputs and the SLO as applied, one table row per
/// policy (every column labelled, with its unit), one line per row saying where it lost, the exact config each row
/// ran with, then inline SVG charts: every policy's ready replicas against the bounds, each policy's desired and
/// ready replicas beside its nodes and warm pool, per-minute p95 TTFT, and cold starts. No scripts, no external assets.
/// </summary>
internal static class HtmlReport
{
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];

    private static readonly (string Label, string Title)[] Columns =
    [
        ("policy", "the --policies name"),
        ("SLO attainment", "share of servable requests that met both the TTFT and the TPOT limit (dropped = missed)"),
        ("TTFT part met", "share of servable requests whose TTFT was within their own limit"),
        ("TPOT part met", "share of servable requests whose time per output token was within the limit"),
        ("SLO from min 20", "SLO attainment of requests arriving after the first 20 minutes (past the start transient)"),
        ("TTFT p50 (s)", "median time to first token, from arrival at the router, of served servable requests"),
        ("TTFT p95 (s)", "95th percentile TTFT"),
        ("TTFT p99 (s)", "99th percentile TTFT"),
        ("TPOT p50 (ms)", "median time per output token after the first: (end-to-end − TTFT) / (output − 1)"),
        ("TPOT p95 (ms)", "95th percentile TPOT"),
        ("TPOT p99 (ms)", "99th percentile TPOT"),
        ("GPU-hours", "every GPU node billed from its provisioning request until the Cluster Autoscaler removes it, warm-pool nodes included"),
        ("× feasible bound", "GPU-hours ÷ the SLO-feasible bound's GPU-hours (1 = as cheap as any fleet that meets the SLO can be)"),
        ("× work bound", "GPU-hours ÷ the work bound (replicas busy all the time at the best batch; no SLO)"),
        ("scale events", "changes of the desired replica count"),
        ("cold starts", "replicas that became ready during the run"),
        ("dropped", "servable requests never served (router timeout, killed replica, end of run)"),
        ("refused", "requests longer than max_model_len, which vLLM refuses (a deployment error, in no attainment)"),
    ];

    public static string Render(SimulationSummary summary, IReadOnlyList<RunResult> runs, IReadOnlyList<SloScore> scores, FeasibleBound feasible, WorkBound work)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Autoscale load-test simulation</title>");
        html.Append("<style>body{font-family:sans-serif;margin:24px;max-width:1280px}table{border-collapse:collapse;font-size:13px;margin-bottom:12px}");
        html.Append("th,td{border:1px solid #ccc;padding:4px 6px;text-align:right;vertical-align:top}td{white-space:nowrap}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}");
        html.Append("table.config th{text-align:left}table.config td{text-align:left;font-family:monospace;font-size:12px;white-space:normal}ul.why li{margin-bottom:4px}</style></head><body>");
        html.Append("<h1>Autoscale load-test simulation</h1>");
        AppendInputs(html, summary);
        AppendTable(html, summary);
        AppendWhy(html, summary);
        AppendConfigs(html, summary);
        AppendCharts(html, runs, scores, feasible, work);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void AppendInputs(StringBuilder html, SimulationSummary s)
    {
        var slo = s.Slo;
        html.Append(CultureInfo.InvariantCulture,
            $"<p>Trace <b>{E(s.Trace)}</b>: {s.Requests} requests over {s.DurationSeconds / 60:0.#} min (rate ×{s.RateScale}, time ×{s.TimeScale}); profile <b>{E(s.Profile)}</b>; seed {s.Seed}; cluster cap {s.MaxNodes} nodes.</p>");
        html.Append(CultureInfo.InvariantCulture,
            $"<p><b>SLO, per request:</b> TTFT ≤ max({slo.TtftFloorSeconds} s, {slo.TtftFactor} × the request's own TTFT alone on an idle replica) <b>and</b> TPOT ≤ max({slo.TpotFloorSeconds} s, {slo.TpotFactor} × the idle inter-token latency {slo.IdleItlSeconds * 1000:0.#} ms) = {slo.TpotLimitSeconds * 1000:0.#} ms. ");
        html.Append(CultureInfo.InvariantCulture,
            $"{s.ServableRequests} requests are servable; {s.RefusedRequests} are longer than max_model_len, which vLLM refuses: a deployment error, counted apart and in no attainment.</p>");
        html.Append(CultureInfo.InvariantCulture,
            $"<p><b>Bounds:</b> the SLO-feasible bound — the smallest per-minute fleet that, starting instantly and knowing the arrivals, meets the SLO for {slo.Target:P0} of each minute's servable requests behind the same router — costs {s.FeasibleBoundGpuHours:0.###} GPU-hours (that fleet's own attainment: {s.FeasibleBoundAttainment:P2}). ");
        html.Append(CultureInfo.InvariantCulture,
            $"The work bound — every replica busy all the time at the best batch the requests' contexts allow, no SLO — is {s.WorkBoundGpuHours:0.###} GPU-hours; no fleet can do the work on less. ");
        html.Append("The <b>oracle</b> row, if present, is a reference, not a policy: it reads the future and holds the feasible bound's fleet one cold-start lead ahead, with real cold starts.</p>");
    }

    private static void AppendTable(StringBuilder html, SimulationSummary summary)
    {
        html.Append("<h2>Results</h2><table><tr>");
        foreach (var (label, title) in Columns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th title=\"{E(title)}\">{E(label)}</th>");
        }

        html.Append("</tr>");
        foreach (var p in summary.Policies)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(p.Name)}</td><td>{p.SloAttainment:P1}</td><td>{p.TtftAttainment:P1}</td><td>{p.TpotAttainment:P1}</td><td>{p.SloAttainmentAfterWarmup:P1}</td>");
            html.Append(CultureInfo.InvariantCulture,
                $"<td>{p.TtftP50Seconds:0.00}</td><td>{p.TtftP95Seconds:0.00}</td><td>{p.TtftP99Seconds:0.00}</td><td>{p.TpotP50Seconds * 1000:0.0}</td><td>{p.TpotP95Seconds * 1000:0.0}</td><td>{p.TpotP99Seconds * 1000:0.0}</td>");
            html.Append(CultureInfo.InvariantCulture,
                $"<td>{p.GpuHours:0.00}</td><td>{p.GpuHoursVsFeasibleBound:0.00}</td><td>{p.GpuHoursVsWorkBound:0.00}</td><td>{p.ScaleEvents}</td><td>{p.ColdStarts}</td><td>{p.Dropped}</td><td>{p.RefusedRequests}</td></tr>");
        }

        html.Append("</table><p>Hover a column header for its definition. Times in seconds unless the header says ms.</p>");
    }

    private static void AppendWhy(StringBuilder html, SimulationSummary summary)
    {
        html.Append("<h2>Where each row lost</h2><ul class=\"why\">");
        foreach (var p in summary.Policies)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><b>{E(p.Name)}</b>: {E(p.WhyItLost)}</li>");
        }

        html.Append("</ul>");
    }

    private static void AppendConfigs(StringBuilder html, SimulationSummary summary)
    {
        html.Append("<h2>Config each row ran with</h2>");
        foreach (var p in summary.Policies)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(p.Name)}</h3><table class=\"config\"><tr><th>setting</th><th>value</th></tr>");
            foreach (var (key, value) in p.Config)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(key)}</td><td>{E(value)}</td></tr>");
            }

            html.Append("</table>");
        }
    }

    private static void AppendCharts(StringBuilder html, IReadOnlyList<RunResult> runs, IReadOnlyList<SloScore> scores, FeasibleBound feasible, WorkBound work)
    {
        html.Append("<h2>Charts</h2>");
        // One time axis for every chart, so rows can be compared by eye.
        var minutes = Math.Max(feasible.ReplicasPerBin.Count * feasible.BinSeconds, runs.Count == 0 ? 0 : runs.Max(r => r.Series.Count == 0 ? 0 : r.Series[^1].At)) / 60;
        var bound = new ChartSeries("SLO-feasible bound", "#000", Steps(feasible.ReplicasPerBin.Select(r => (double)r).ToList(), feasible.BinSeconds), Dashed: true);
        var workLine = new ChartSeries("work bound", "#999", Steps(work.ReplicaSecondsPerBin.Select(s => s / work.BinSeconds).ToList(), work.BinSeconds), Dashed: true);
        var ready = new List<ChartSeries> { bound, workLine };
        ready.AddRange(runs.Select((r, i) => new ChartSeries(r.Policy, Color(i), r.Series.Select(p => (p.At / 60, (double)p.Ready)).ToList())));
        html.Append(SvgChart.Render("Ready replicas of every policy against the bounds", "minutes since the trace start", "replicas", ready, xMax: minutes));
        foreach (var run in runs)
        {
            html.Append(SvgChart.Render($"{run.Policy}: replicas, nodes and warm pool", "minutes since the trace start", "count",
            [
                bound,
                new ChartSeries("desired replicas", "#1f77b4", run.Series.Select(p => (p.At / 60, (double)p.Desired)).ToList()),
                new ChartSeries("ready replicas", "#2ca02c", run.Series.Select(p => (p.At / 60, (double)p.Ready)).ToList()),
                new ChartSeries("GPU nodes", "#ff7f0e", run.Series.Select(p => (p.At / 60, (double)p.Nodes)).ToList()),
                new ChartSeries("warm pool (placeholders)", "#9467bd", run.Series.Select(p => (p.At / 60, (double)p.Placeholders)).ToList()),
            ], height: 220, xMax: minutes));
        }

        html.Append(SvgChart.Render("p95 TTFT per minute of arrival (clipped at 30 s)", "minutes since the trace start", "seconds",
            runs.Select((r, i) => new ChartSeries(r.Policy, Color(i), PerMinuteP95(scores[i]))).ToList(), 30, xMax: minutes));
        html.Append(SvgChart.Render("Cold starts: replica created → ready (one dot per replica)", "minutes since the trace start (ready at)", "seconds",
            runs.Select((r, i) => new ChartSeries(r.Policy, Color(i), r.ColdStarts.Select(c => (c.ReadyAt / 60, c.Seconds)).ToList(), Dots: true)).ToList(), xMax: minutes));
    }

    /// <summary>A per-bin value drawn as a step: flat across its bin.</summary>
    private static List<(double X, double Y)> Steps(IReadOnlyList<double> perBin, double binSeconds)
    {
        var points = new List<(double, double)>(perBin.Count * 2);
        for (var i = 0; i < perBin.Count; i++)
        {
            points.Add((i * binSeconds / 60, perBin[i]));
            points.Add(((i + 1) * binSeconds / 60, perBin[i]));
        }

        return points;
    }

    private static List<(double X, double Y)> PerMinuteP95(SloScore score) =>
        score.TtftByArrival
            .GroupBy(t => (int)(t.At / 60))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key + 0.5, Percentiles.Of(g.Select(x => x.Ttft).ToList(), 95)))
            .ToList();

    private static string Color(int index) => Palette[index % Palette.Length];

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
