using System.Globalization;

namespace Autoscale.LoadTest.Adapter;

/// <summary>The adapter load test's stdout table, one row per scenario as it finishes.</summary>
internal static class ReportTable
{
    public static void WriteHeader(TextWriter output) =>
        output.WriteLine($"{"mode",-8} {"pods",6} {"HPAs",5} {"pods/q",6} {"conns",5} {"target/s",8} {"q/s",8} {"p50 ms",7} {"p90",7} {"p99",7} {"p99.9",7} {"max",7} {"sent p99",8} {"srv p99≤",8} {"errors",6} {"CPU",6} {"heap MB",7} {"RSS MB",6}  load avg");

    public static void WriteRow(TextWriter output, ScenarioResult r)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Mode,-8} {r.Pods,6} {r.Hpas,5} {r.PodsPerQuery,6} {r.Connections,5} {r.TargetRate,8:0.#} {r.Throughput,8:0.#} {r.P50Ms,7:0.00} {r.P90Ms,7:0.00} {r.P99Ms,7:0.00} {r.P999Ms,7:0.00} {r.MaxMs,7:0.00} {r.SentP99Ms,8:0.00} {r.ServerP99UpToMs,8:0.#} {r.Errors,6} {r.CpuCores,6:0.000} {r.HeapMb,7:0.0} {r.ResidentMb,6:0}  {r.LoadAverage}"));
        output.Flush();
    }
}
