using Autoscale.MetricsAdapter.Sources.Exposition;

namespace Autoscale.MetricsAdapter.Tests.Sources.Exposition;

public sealed class ExpositionGoldenTests
{
    // Must match CATALOG in Fixtures/make_golden.py.
    internal static readonly string[] Catalog =
    [
        "vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc",
        "vllm:gpu_cache_usage_perc", "vllm:time_to_first_token_seconds", "vllm:iteration_tokens_total",
        "vllm:prompt_tokens_total", "vllm:request_success_total", "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED",
        "DCGM_FI_DEV_MEMORY_TEMP", "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "http_requests", "rpc_duration_seconds", "build",
    ];

    public static TheoryData<string> Fixtures() =>
        ["vllm-v0-real", "vllm-v1-shape", "dcgm-readme-real", "dcgm-podmapped-shape", "openmetrics-edge"];

    internal static byte[] ReadFixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Sources", "Exposition", "Fixtures", name + ".prom"));

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_sample_matches_the_golden_file(string fixture)
    {
        List<GoldenLine> golden = ReadGolden(fixture);
        ParsedPage page = ParsedPage.Parse(ReadFixture(fixture));

        Assert.True(page.Result.IsOk, page.Result.ToString());
        var actual = page.Samples.Select(GoldenLine.From).ToList();
        var expected = golden.Select(g => g with { Family = "-", Suffix = "-" }).ToList();
        AssertSameLines(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Catalog_families_keep_exactly_the_golden_samples_with_their_family(string fixture)
    {
        List<GoldenLine> expected = ReadGolden(fixture).Where(g => g.Family != "-").ToList();
        ParsedPage page = ParsedPage.Parse(ReadFixture(fixture), new WantedFamilies(Catalog));

        Assert.True(page.Result.IsOk, page.Result.ToString());
        Assert.Equal(expected.Count, page.Result.SamplesKept);
        AssertSameLines(expected, page.Samples.Select(GoldenLine.From).ToList());
    }

    private static List<GoldenLine> ReadGolden(string fixture) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Sources", "Exposition", "Fixtures", fixture + ".golden"))
            .Where(l => l.Length > 0)
            .Select(GoldenLine.Parse)
            .ToList();

    private static void AssertSameLines(List<GoldenLine> expected, List<GoldenLine> actual)
    {
        for (int i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            Assert.True(expected[i].SameAs(actual[i]), $"sample {i}:\n expected {expected[i]}\n actual   {actual[i]}");
        }

        Assert.Equal(expected.Count, actual.Count);
    }
}
