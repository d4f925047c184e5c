using System.Text.Json;
using System.Text.RegularExpressions;
using Autoscale.LoadTest.Cli;
using Autoscale.LoadTest.Config;
using Autoscale.LoadTest.Simulation;
using Autoscale.LoadTest.Traces;

namespace Autoscale.LoadTest.Tests;

public sealed partial class SummaryReportTests
{
    private static readonly string[] PolicyFields =
    [
        "name", "sloAttainment", "ttftAttainment", "tpotAttainment", "servableRequests", "refusedRequests",
        "ttftP50Seconds", "ttftP95Seconds", "ttftP99Seconds", "tpotP50Seconds", "tpotP95Seconds", "tpotP99Seconds",
        "gpuHours", "feasibleBoundGpuHours", "workBoundGpuHours", "scaleEvents", "dropped", "config",
    ];

    private static readonly Lazy<(string Json, string Html, int Refused)> Run = new(() =>
    {
        // A step with a few requests longer than max_model_len mixed in.
        var steps = Synthetic.Segments(500, 100, (0.5, 120), (4, 240), (0.5, 120)).Requests;
        var requests = steps.Select(r => r.Id % 50 == 0 ? r with { InputTokens = Synthetic.Profile.MaxModelLen } : r).ToList();
        var (_, json, html) = SimulationRunner.Run(new Trace("mixed", requests), Synthetic.Options(3), SimConfig.Default, Synthetic.Profile, null);
        return (json, html, requests.Count(r => r.Id % 50 == 0));
    });

    [Fact]
    public void The_json_has_every_field_for_every_policy()
    {
        using var document = JsonDocument.Parse(Run.Value.Json);
        var root = document.RootElement;
        var policies = root.GetProperty("policies").EnumerateArray().ToList();

        Assert.Equal(CliParser.AllPolicies, policies.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(Run.Value.Refused, root.GetProperty("refusedRequests").GetInt32());
        Assert.Equal(root.GetProperty("requests").GetInt32(), root.GetProperty("servableRequests").GetInt32() + Run.Value.Refused);
        foreach (var policy in policies)
        {
            foreach (var field in PolicyFields)
            {
                Assert.True(policy.TryGetProperty(field, out _), $"{policy.GetProperty("name")} lacks {field}");
            }

            Assert.Equal(Run.Value.Refused, policy.GetProperty("refusedRequests").GetInt32());
            Assert.InRange(policy.GetProperty("sloAttainment").GetDouble(), 0, 1);
            Assert.True(policy.GetProperty("feasibleBoundGpuHours").GetDouble() >= policy.GetProperty("workBoundGpuHours").GetDouble());
            var config = policy.GetProperty("config");
            Assert.Equal(JsonValueKind.Object, config.ValueKind);
            Assert.True(config.TryGetProperty("pipeline", out _));
            Assert.True(config.TryGetProperty("decideEverySeconds", out _));
        }

        var cpu = policies.Single(p => p.GetProperty("name").GetString() == "cpu-hpa").GetProperty("config");
        Assert.Equal("Resource cpu Utilization 80 %", cpu.GetProperty("hpa.metrics").GetString());
        var autoscale = policies.Single(p => p.GetProperty("name").GetString() == "autoscale").GetProperty("config");
        Assert.Contains("Minimum=", autoscale.GetProperty("controller.warmPool").GetString(), StringComparison.Ordinal);
        // As created, before the controller rewrites it: only the tolerances the shipped config sets (KEP-4951).
        Assert.StartsWith("{ScaleUp={StabilizationWindowSeconds=null, SelectPolicy=null, Policies=null, Tolerance=0}", autoscale.GetProperty("hpa.behavior").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Object autoscale_desired_replicas AverageValue 1; Pods vllm_queue_depth AverageValue 10", autoscale.GetProperty("hpa.metrics").GetString(), StringComparison.Ordinal);
        Assert.Contains("StableWindowSeconds=60", policies.Single(p => p.GetProperty("name").GetString() == "kpa").GetProperty("config").GetProperty("kpa").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gpu_hours_count_every_gpu_of_a_multi_gpu_replica_and_leave_the_ratios_alone()
    {
        // The simulator holds one replica per node; a TP4 replica's node is four GPUs, so its hours count four times.
        var trace = Synthetic.Segments(500, 100, (0.5, 120), (3, 240));
        var options = Synthetic.Options(3) with { Policies = ["kpa"] };
        var one = Summary(SimulationRunner.Run(trace, options, SimConfig.Default, Synthetic.Profile, null).Json);
        var four = Summary(SimulationRunner.Run(trace, options, SimConfig.Default, Synthetic.Profile with { GpuCount = 4 }, null).Json);

        foreach (var field in new[] { "gpuHours", "replicaGpuHours", "feasibleBoundGpuHours", "workBoundGpuHours" })
        {
            Assert.Equal(4 * one.Policy.GetProperty(field).GetDouble(), four.Policy.GetProperty(field).GetDouble(), 2);
        }

        Assert.Equal(4 * one.Root.GetProperty("feasibleBoundGpuHours").GetDouble(), four.Root.GetProperty("feasibleBoundGpuHours").GetDouble(), 2);
        Assert.Equal(one.Policy.GetProperty("gpuHoursVsFeasibleBound").GetDouble(), four.Policy.GetProperty("gpuHoursVsFeasibleBound").GetDouble(), 2);
        Assert.True(one.Policy.GetProperty("gpuHours").GetDouble() > 0);

        static (JsonElement Root, JsonElement Policy) Summary(string json)
        {
            var root = JsonDocument.Parse(json).RootElement;
            return (root, root.GetProperty("policies")[0]);
        }
    }

    [Fact]
    public void The_html_labels_every_column_states_each_config_and_why_each_row_lost()
    {
        var html = Run.Value.Html;
        using var document = JsonDocument.Parse(Run.Value.Json);
        var policies = document.RootElement.GetProperty("policies").EnumerateArray().ToList();

        var headers = HeaderCell().Matches(html);
        Assert.Equal(18, headers.Count(m => m.Groups["title"].Success));
        Assert.Contains(System.Net.WebUtility.HtmlEncode("× feasible bound"), html, StringComparison.Ordinal);
        foreach (var policy in policies)
        {
            var name = policy.GetProperty("name").GetString()!;
            Assert.Contains($"<h3>{name}</h3>", html, StringComparison.Ordinal);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(policy.GetProperty("whyItLost").GetString()!), html, StringComparison.Ordinal);
            Assert.Contains($"{name}: replicas, nodes and warm pool", html, StringComparison.Ordinal);
        }

        Assert.Contains("warm pool (placeholders)", html, StringComparison.Ordinal);
        Assert.Contains("GPU nodes", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalReference(), html);
    }

    [GeneratedRegex("<th title=\"(?<title>[^\"]+)\">")]
    private static partial Regex HeaderCell();

    [GeneratedRegex("(src|href)=\"https?:")]
    private static partial Regex ExternalReference();
}
