using System.Text;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Sources.Exposition;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Tests.Sources.Exposition;
using Autoscale.MetricsAdapter.Sources.Definitions;
using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

namespace Autoscale.MetricsAdapter.Tests.Sources.Scrape.Mapping;

/// <summary>Every exposition fixture and a small page per other server, through the built-in catalog.</summary>
public sealed class PageMapperGoldenTests
{
    internal static readonly ObjectKey Target = new("llm", "target-0");
    internal static readonly DateTimeOffset ScrapeTime = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static TheoryData<string> Fixtures() => ["vllm-v0-real", "vllm-v1-shape", "dcgm-readme-real", "dcgm-podmapped-shape"];

    public static TheoryData<string> Servers() => ["sglang", "trtllm", "tgi", "dcgm-tensor-parallel"];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_maps_to_the_golden_series(string fixture)
    {
        var kind = fixture.StartsWith("dcgm", StringComparison.Ordinal) ? TargetKind.GpuExporter : TargetKind.InferenceServer;
        var pods = Map(ExpositionGoldenTests.ReadFixture(fixture), kind);
        MappingGolden.Assert(fixture, pods);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void Server_page_maps_to_the_golden_series(string server)
    {
        var page = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Sources", "Scrape", "Mapping", "Pages", server + ".prom"));
        var kind = server.StartsWith("dcgm", StringComparison.Ordinal) ? TargetKind.GpuExporter : TargetKind.InferenceServer;
        MappingGolden.Assert(server, Map(page, kind));
    }

    internal static IReadOnlyList<MappedPod> Map(byte[] page, TargetKind kind, PageMapper? mapper = null, DateTimeOffset? at = null)
    {
        mapper ??= new PageMapper(new CatalogMapping(MetricCatalog.BuiltIn, TimeSpan.FromSeconds(60), Autoscale.MetricsAdapter.Sources.Scrape.ScrapeSettings.Default.ArrivalWindow), kind);
        var result = mapper.Map(page, ExpositionFormat.PrometheusText, Target, at ?? ScrapeTime, out var pods);
        Assert.True(result.IsOk, result.ToString());
        return pods;
    }

    internal static IReadOnlyList<MappedPod> Map(string page, TargetKind kind, PageMapper? mapper = null, DateTimeOffset? at = null) =>
        Map(Encoding.UTF8.GetBytes(page), kind, mapper, at);
}
