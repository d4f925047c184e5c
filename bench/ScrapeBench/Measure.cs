using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HdrHistogram;

namespace Autoscale.ScrapeBench;

/// <summary>Process CPU, memory after a full GC, histograms and output helpers.</summary>
internal static class Measure
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static MemorySample Memory()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var self = Process.GetCurrentProcess();
        var info = GC.GetGCMemoryInfo();
        return new MemorySample(GC.GetTotalMemory(forceFullCollection: false), info.TotalCommittedBytes, info.FragmentedBytes, self.WorkingSet64);
    }

    public static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>CPU time of <paramref name="process"/> per wall second over <paramref name="window"/>, in cores.</summary>
    public static async Task<double> CoresAsync(Process process, TimeSpan window, CancellationToken token)
    {
        var cpu0 = Cpu(process);
        long t0 = Stopwatch.GetTimestamp();
        await Task.Delay(window, TimeProvider.System, token);
        var cpu1 = Cpu(process);
        return (cpu1 - cpu0).TotalSeconds / Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    public static LongHistogram Histogram() => new(3_600_000_000L, 3);

    public static double Ms(this LongHistogram h, double percentile) =>
        h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(percentile) / 1000.0;

    public static double MaxMs(this LongHistogram h) => h.TotalCount == 0 ? double.NaN : h.GetMaxValue() / 1000.0;

    public static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public static async Task WriteJsonAsync(string path, object result)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, JsonSerializer.Serialize(result, Json));
        await Console.Out.WriteLineAsync($"wrote {full}");
    }
}
