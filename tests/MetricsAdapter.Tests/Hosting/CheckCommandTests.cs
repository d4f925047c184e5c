using Autoscale.MetricsAdapter.Hosting;

namespace Autoscale.MetricsAdapter.Tests.Hosting;

/// <summary>The adapter's <c>--check --config=FILE</c>: 0 valid, 1 refused (every problem naming its field), 2 usage.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adapter-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_deployed_config_is_valid()
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        var rc = await CheckCommand.RunAsync(Path.Combine(Repo.Root, "deploy", "apiservice", "adapter-config.yaml"), output, errors);

        Assert.Equal(0, rc);
        Assert.StartsWith("config ok: source pod scraping, scrape every 2s", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(errors.ToString());
    }

    [Fact]
    public async Task A_refused_file_names_every_problem_by_field_and_exits_1()
    {
        var path = Write("""
            scrape: { interval: 99999999999999999999h, bogus: 1 }
            discovery: { pods: [{ labelSelector: 'a in (b' }] }
            """);
        var errors = new StringWriter();

        var rc = await CheckCommand.RunAsync(path, new StringWriter(), errors);

        Assert.Equal(1, rc);
        var lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["error: discovery.pods[0].labelSelector:", "error: scrape.bogus:", "error: scrape.interval:"], lines.Select(l => l[..(l.IndexOf(':', 7) + 1)]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_prometheus_adapter_rule_that_is_not_served_is_listed_but_does_not_refuse_the_file()
    {
        var path = Write("""
            prometheus:
              url: http://127.0.0.1:9090
              rules:
              - seriesQuery: 'vllm:num_requests_waiting'
                resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
                name: {matches: 'vllm:num_requests_waiting', as: 'vllm_queue_depth'}
                metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'
              resourceRules:
                cpu: {containerQuery: x}
            """);
        var output = new StringWriter();
        var errors = new StringWriter();

        var rc = await CheckCommand.RunAsync(path, output, errors);

        Assert.Equal(0, rc);
        Assert.StartsWith("config ok: source prometheus", output.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("warning: prometheus.resourceRules (line", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("(not served)", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deep_nesting_is_refused_with_exit_1()
    {
        var errors = new StringWriter();

        Assert.Equal(1, await CheckCommand.RunAsync(Write("scrape: " + new string('[', 100_000)), new StringWriter(), errors));
        Assert.StartsWith("error: scrape[0]", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Through_the_command_line_check_and_a_refused_start_exit_1()
    {
        var path = Write("discovery: { pods: [{ labelSelector: 'a in (b' }] }\n");

        Assert.Equal(1, await ServeCommand.RunAsync(["--check", $"--config={path}"]));
        // Start-up with the same file is refused before anything listens (it used to run, then stop with rc 0).
        Assert.Equal(1, await ServeCommand.RunAsync([$"--config={path}", "--secure-port=0", "--metrics-port=-1"]));
    }

    [Theory]
    [InlineData("--check")]
    [InlineData("--check", "--config=/nonexistent/config.yaml")]
    public void Usage_errors_are_argument_errors(params string[] args) =>
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(args, new AdapterOptions()));

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(path, text);
        return path;
    }
}
