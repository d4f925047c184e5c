using Autoscale.Kubectl.Status;

namespace Autoscale.Kubectl.Tests.Status;

/// <summary>How <c>kubectl-autoscale status</c> shows the controller's annotations on an HPA, one line each.</summary>
public sealed class StatusReaderTests
{
    /// <summary>An <c>autoscale.dev/planner-status</c> as the scale controller's planner writes it (docs/controller.md).</summary>
    private const string PlannerStatus = """
        {"at":"2026-12-07T21:00:00Z","replicas":62,"reason":"demand 29.158 req/s, forecast upper 23.169 req/s, capacity 0.476 req/s per replica, 48 ready, 12 starting: 62 replicas","capacityPerReplica":0.4753,"bound":"tpot-tail","correction":1.018,"horizonSeconds":223,"forecastCentral":21.51,"forecastUpper":23.17,"meanPromptTokens":1473,"meanOutputTokens":161,"promptCv":0.91,"outputCv":0.98}
        """;

    [Fact]
    public void The_planner_status_shows_what_it_asked_for_and_why_in_full()
    {
        var line = StatusReader.Summarize("autoscale.dev/planner-status", PlannerStatus);

        Assert.Equal(
            "62 replicas at 2026-12-07T21:00:00Z: demand 29.158 req/s, forecast upper 23.169 req/s, capacity 0.476 req/s per replica, 48 ready, 12 starting: 62 replicas; "
            + "capacity 0.475 req/s per replica (tpot-tail-bound), correction × 1.018, requests 1473 prompt / 161 output tokens (cv 0.91 / 0.98)",
            line);
    }

    [Theory]
    [InlineData(",\"prefillCorrection\":1.06,\"prefillApplied\":1", "correction × 1.018 decode, × 1.06 prefill (applied × 1)")]
    [InlineData(",\"prefillCorrection\":0.8,\"prefillApplied\":0.8", "correction × 1.018 decode, × 0.8 prefill")]
    public void The_prefill_correction_is_shown_beside_the_decode_one_with_what_was_applied(string fields, string shown)
    {
        var line = StatusReader.Summarize("autoscale.dev/planner-status", PlannerStatus.Replace(",\"horizonSeconds\"", fields + ",\"horizonSeconds\"", StringComparison.Ordinal));

        Assert.Contains(shown + ", requests 1473 prompt", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_planner_that_published_nothing_says_so_with_its_reason()
    {
        var line = StatusReader.Summarize("autoscale.dev/planner-status", """{"at":"2026-12-07T21:00:00Z","replicas":null,"reason":"no demand observation","correction":1,"horizonSeconds":600}""");

        Assert.Equal("nothing published at 2026-12-07T21:00:00Z: no demand observation; correction × 1", line);
    }

    [Fact]
    public void The_planner_state_is_shown_by_its_size_not_its_numbers()
    {
        var state = "{\"v\":1,\"f\":{" + new string('1', 3_000) + "}}";

        Assert.Equal($"the planner's forecaster, correction and request shape ({state.Length} bytes)", StatusReader.Summarize("autoscale.dev/planner-state", state));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"replicas":3}""")]
    [InlineData("""{"at":5,"reason":"x"}""")]
    public void A_planner_status_that_does_not_parse_is_shown_as_it_is(string value) =>
        Assert.Equal(value, StatusReader.Summarize("autoscale.dev/planner-status", value));

    [Fact]
    public void Other_annotations_are_cut_at_160_characters()
    {
        Assert.Equal("short", StatusReader.Summarize("autoscale.dev/managed", "short"));
        Assert.Equal(new string('x', 157) + "...", StatusReader.Summarize("autoscale.dev/other", new string('x', 300)));
    }
}
