using System.Diagnostics;
using System.Globalization;
using System.Text;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Sources.Exposition;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Sources.Definitions;
using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

namespace Autoscale.ScrapeBench;

/// <summary>
/// Issue #12: what a page with many distinct <c>model_name</c> values costs one target's <see cref="PageMapper"/>
/// (CPU per page and per byte, which must stay flat as the page grows) and whether the memory it took comes back
/// once the exporter sends normal pages again (the target's mapper lives on). Uses only <c>PageMapper.Map</c>, so the
/// same file measures the code before and after the fix.
/// </summary>
internal static class HostilePagesCommand
{
    private static readonly ObjectKey Target = new("bench", "hostile-0");

    public static Task<int> RunAsync(Cli options)
    {
        var sizes = (options.String("values", "1000,10000,20000,100000")).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var budget = options.Duration("cpu-per-size", TimeSpan.FromSeconds(3));
        Console.Out.WriteLine("| distinct model_name values | page bytes | pages mapped | CPU per page | CPU per MB |");
        Console.Out.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (int values in sizes)
        {
            byte[] page = Page(values);
            var mapper = NewMapper();
            Map(mapper, page);
            var cpu = TimeSpan.Zero;
            int pages = 0;
            while (cpu < budget && pages < 200)
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                Map(mapper, page);
                cpu += Process.GetCurrentProcess().TotalProcessorTime - before;
                pages++;
            }

            double perPage = cpu.TotalMilliseconds / pages;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {values:N0} | {page.Length:N0} | {pages} | {perPage:F1} ms | {perPage / (page.Length / 1e6):F0} ms |"));
        }

        Memory(sizes.Max());
        return Task.FromResult(0);
    }

    private static void Memory(int values)
    {
        byte[] normal = Page(3);
        byte[] hostile = Page(values);
        var mapper = NewMapper();
        Map(mapper, normal);
        long baseline = Heap();
        for (int i = 0; i < 3; i++)
        {
            Map(mapper, hostile);
        }

        long during = Heap();
        for (int i = 0; i < 3; i++)
        {
            Map(mapper, normal);
        }

        long after = Heap();
        GC.KeepAlive(mapper);
        Console.Out.WriteLine();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Managed heap with one target's mapper (after a full GC): {baseline / 1024.0:N0} KB on a normal page; {during / 1024.0:N0} KB after {values:N0}-value pages; {after / 1024.0:N0} KB after normal pages again (retained: {(after - baseline) / 1024.0:N0} KB)."));
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static PageMapper NewMapper() =>
        new(new CatalogMapping(MetricCatalog.BuiltIn, TimeSpan.FromSeconds(60), Autoscale.MetricsAdapter.Sources.Scrape.ScrapeSettings.Default.ArrivalWindow), TargetKind.InferenceServer);

    private static void Map(PageMapper mapper, byte[] page)
    {
        var result = mapper.Map(page, ExpositionFormat.PrometheusText, Target, DateTimeOffset.UnixEpoch, out _);
        if (!result.IsOk)
        {
            throw new InvalidOperationException(result.ToString());
        }
    }

    // A vLLM-like page where model_name takes many values (two engines each, as a multi-engine pod exposes them).
    private static byte[] Page(int values)
    {
        var text = new StringBuilder();
        for (int engine = 0; engine < 2; engine++)
        {
            for (int i = 0; i < values; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"vllm:num_requests_waiting{{engine=\"{engine}\",model_name=\"model-{i}\"}} {i % 7}\n");
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
