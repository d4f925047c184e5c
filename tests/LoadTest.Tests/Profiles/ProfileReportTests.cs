using System.Text.Json;
using Autoscale.LoadTest.Profiles;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Tests.Profiles;

public sealed class ProfileReportTests
{
    [Fact]
    public void Json_has_one_object_per_profile_and_shape_with_nulls_beyond_max_model_len()
    {
        var json = ProfileReport.ToJson(ProfileReport.Build(ReplicaProfiles.All));

        using var doc = JsonDocument.Parse(json);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(ReplicaProfiles.All.Count * 2, rows.Count);
        foreach (var profile in ReplicaProfiles.All)
        {
            var mine = rows.Where(r => r.GetProperty("profile").GetString() == profile.Name).ToList();
            Assert.Equal(["sharegpt", "1k-250"], mine.Select(r => r.GetProperty("shape").GetString()));
            foreach (var row in mine)
            {
                Assert.True(row.GetProperty("saturatedRequestsPerSecond").GetDouble() > 0);
                Assert.True(row.GetProperty("saturatedOutputTokensPerSecond").GetDouble() > row.GetProperty("saturatedRequestsPerSecond").GetDouble());
                Assert.True(row.GetProperty("meanItlSeconds").GetDouble() > row.GetProperty("idleItlSeconds").GetDouble());
                var ttft = row.GetProperty("idleTtftSeconds");
                Assert.Equal(["1000", "8000", "32000"], ttft.EnumerateObject().Select(p => p.Name));
                foreach (var prompt in ProfileReport.IdlePrompts)
                {
                    var value = ttft.GetProperty(prompt.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    // A prompt plus its one output token beyond max_model_len is refused, as vLLM answers 400.
                    Assert.Equal(prompt + 1 > profile.MaxModelLen ? JsonValueKind.Null : JsonValueKind.Number, value.ValueKind);
                }
            }
        }

        // The A10G profile serves at most 16,384 tokens: its 32k TTFT must be null, and an H100's must not.
        Assert.Contains(rows, r => r.GetProperty("idleTtftSeconds").GetProperty("32000").ValueKind == JsonValueKind.Null);
        Assert.Contains(rows, r => r.GetProperty("idleTtftSeconds").GetProperty("32000").ValueKind == JsonValueKind.Number);
    }

    [Fact]
    public void Command_prints_every_profile_and_writes_the_json_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"profile-report-{Guid.NewGuid():N}.json");
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, ProfileReportCommand.Run(["profile-report", "--json", path], output));

            Assert.All(ReplicaProfiles.All, p => Assert.Contains(p.Name, output.ToString(), StringComparison.Ordinal));
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal(ReplicaProfiles.All.Count * 2, doc.RootElement.GetArrayLength());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Command_rejects_unknown_arguments()
    {
        Assert.Throws<Autoscale.Hosting.Flags.FlagException>(() => ProfileReportCommand.Run(["profile-report", "--csv"], TextWriter.Null));
    }

    [Fact]
    public void ShareGpt_like_sizes_have_the_requested_means_pass_the_benchmark_filter_and_are_seeded()
    {
        var sizes = RequestShapes.ShareGpt.Sizes(1_000, seed: 1);

        Assert.Equal(229.7, sizes.Average(s => s.Input), 0);
        Assert.Equal(203.1, sizes.Average(s => s.Output), 0);
        Assert.All(sizes, s => Assert.True(s.Input is >= 4 and <= 1024 && s.Output >= 4 && s.Input + s.Output <= 2048));
        // Right-skewed like ShareGPT, not constant: the median prompt is well below the mean.
        Assert.True(sizes.Select(s => s.Input).Order().ElementAt(500) < 0.8 * 229.7);
        Assert.Equal(sizes, RequestShapes.ShareGpt.Sizes(1_000, seed: 1));
        Assert.NotEqual(sizes, RequestShapes.ShareGpt.Sizes(1_000, seed: 2));
    }
}
