using System.Net;
using Autoscale.VllmEmulator.Model;
using Autoscale.VllmEmulator.Server;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.VllmEmulator.Tests.Server;

public sealed class EmulatedVllmPodTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose() => _http.Dispose();

    private EmulatedVllmPod NewPod(TimeSpan loadDelay = default) => new(
        new PodOptions { Name = "llama-0", Profile = ReplicaProfiles.Llama31_8B_A10G, LoadDelay = loadDelay, ServedModelName = "llama-8b" },
        _time);

    [Fact]
    public async Task Refuses_connections_while_loading_then_serves_metrics_and_health()
    {
        await using var pod = NewPod(TimeSpan.FromSeconds(90));
        var start = pod.StartAsync();

        Assert.Equal(PodState.Loading, pod.State);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => _http.GetAsync(pod.MetricsUri));
        Assert.Equal(HttpRequestError.ConnectionError, refused.HttpRequestError);

        _time.Advance(TimeSpan.FromSeconds(90));
        await start;

        Assert.Equal(PodState.Ready, pod.State);
        using var metrics = await _http.GetAsync(pod.MetricsUri);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType!.ToString());
        var samples = PrometheusText.Parse(await metrics.Content.ReadAsStringAsync());
        Assert.Equal(0, samples.Value("vllm:num_requests_running", ("model_name", "llama-8b")));
        using var health = await _http.GetAsync(new Uri(pod.BaseAddress, "health"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("llama-8b", await _http.GetStringAsync(new Uri(pod.BaseAddress, "v1/models")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_move_when_load_is_submitted_and_time_advances()
    {
        await using var pod = NewPod();
        await pod.StartAsync();
        for (var i = 0; i < 100; i++)
        {
            Assert.True(pod.Submit(1000, 200));
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        var busy = PrometheusText.Parse(await _http.GetStringAsync(pod.MetricsUri));
        Assert.True(busy.Value("vllm:num_requests_running") > 0);
        Assert.True(busy.Value("vllm:num_requests_waiting") > 0);
        Assert.True(busy.Value("vllm:kv_cache_usage_perc") > 0.5);

        _time.Advance(TimeSpan.FromMinutes(10));
        var done = PrometheusText.Parse(await _http.GetStringAsync(pod.MetricsUri));
        Assert.Equal(100, done.Value("vllm:request_success_total", ("finished_reason", "stop")));
        Assert.Equal(100 * 200, done.Value("vllm:generation_tokens_total"));
        Assert.Equal(0, done.Value("vllm:num_requests_running"));
        Assert.Equal(0, done.Value("vllm:kv_cache_usage_perc"));
    }

    [Fact]
    public async Task Sleeping_pod_answers_but_its_engine_does_not_run()
    {
        await using var pod = NewPod();
        await pod.StartAsync();
        using (var sleep = await _http.PostAsync(new Uri(pod.BaseAddress, "sleep?level=1"), null))
        {
            Assert.Equal(HttpStatusCode.OK, sleep.StatusCode);
        }

        Assert.Equal("{\"is_sleeping\":true}", await _http.GetStringAsync(new Uri(pod.BaseAddress, "is_sleeping")));
        pod.Submit(100, 10);
        _time.Advance(TimeSpan.FromSeconds(30));
        var asleep = PrometheusText.Parse(await _http.GetStringAsync(pod.MetricsUri));
        Assert.Equal(1, asleep.Value("vllm:num_requests_waiting"));
        Assert.Equal(0, asleep.Value("vllm:engine_sleep_state", ("sleep_state", "awake")));

        using (var wake = await _http.PostAsync(new Uri(pod.BaseAddress, "wake_up"), null))
        {
            Assert.Equal(HttpStatusCode.OK, wake.StatusCode);
        }

        _time.Advance(TimeSpan.FromSeconds(5));
        var awake = PrometheusText.Parse(await _http.GetStringAsync(pod.MetricsUri));
        Assert.Equal(1, awake.Value("vllm:request_success_total", ("finished_reason", "stop")));
        Assert.Equal(1, awake.Value("vllm:time_to_first_token_seconds_bucket", ("le", "+Inf")));
        // The request waited out the 30 s of sleep: its TTFT lands above the 20 s bucket.
        Assert.Equal(0, awake.Value("vllm:time_to_first_token_seconds_bucket", ("le", "20.0")));
    }

    [Fact]
    public async Task Garbage_mode_serves_a_page_that_is_not_prometheus_text()
    {
        await using var pod = NewPod();
        await pod.StartAsync();
        pod.Fault = ScrapeFault.Garbage;

        var page = await _http.GetStringAsync(pod.MetricsUri);

        Assert.ThrowsAny<Exception>(() => PrometheusText.Parse(page));
    }

    [Fact]
    public async Task Slow_mode_holds_the_response_until_the_delay_passes()
    {
        await using var pod = NewPod();
        await pod.StartAsync();
        pod.Fault = ScrapeFault.Slow;
        pod.SlowDelay = TimeSpan.FromSeconds(20);

        var scrape = _http.GetStringAsync(pod.MetricsUri);
        var first = await Task.WhenAny(scrape, Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System));
        Assert.NotSame(scrape, first);

        // The handler may not have reached its delay yet; keep advancing until it has.
        while (!scrape.IsCompleted)
        {
            _time.Advance(TimeSpan.FromSeconds(20));
            await Task.WhenAny(scrape, Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System));
        }

        PrometheusText.Parse(await scrape);
    }

    [Fact]
    public async Task Not_ready_pod_refuses_submissions()
    {
        await using var pod = NewPod(TimeSpan.FromSeconds(10));
        _ = pod.StartAsync();

        Assert.False(pod.Submit(10, 10));
    }
}
