using System.Net;
using Autoscale.MetricsAdapter.Sources.Prometheus;
using Autoscale.MetricsAdapter.Sources.Prometheus.Client;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

public sealed class PrometheusClientTests
{
    private const string Empty = """{"status":"success","data":{"resultType":"vector","result":[]}}""";

    private static PrometheusSourceOptions Options(PrometheusVerb verb = PrometheusVerb.Post) => new()
    {
        Url = new Uri("http://prometheus.test/prefix"),
        Verb = verb,
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        Timeout = TimeSpan.FromMilliseconds(500),
        Headers = new Dictionary<string, string> { ["X-Scope-OrgID"] = "team-a" },
    };

    private static (PrometheusClient Client, FakeHandler Handler) Create(PrometheusSourceOptions options, params Func<HttpRequestMessage, HttpResponseMessage>[] answers)
    {
        var handler = new FakeHandler(answers);
        var http = PrometheusHttp.CreateClient(options, TimeProvider.System, handler);
        return (new PrometheusClient(http, options, TimeProvider.System), handler);
    }

    [Fact]
    public async Task Queries_are_posted_as_a_form_under_the_url_prefix()
    {
        var (client, handler) = Create(Options(), _ => FakeHandler.Json(Empty));
        var result = await client.QueryAsync("sum(up)", CancellationToken.None);
        Assert.True(result.IsSuccess);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("http://prometheus.test/prefix/api/v1/query", request.Uri);
        Assert.Equal("query=sum%28up%29", request.Body);
        Assert.Equal("team-a", request.Headers["X-Scope-OrgID"]);
    }

    [Fact]
    public async Task Get_is_used_for_short_queries_and_post_for_a_long_pod_list()
    {
        var (client, handler) = Create(Options(PrometheusVerb.Get), _ => FakeHandler.Json(Empty), _ => FakeHandler.Json(Empty));
        await client.QueryAsync("up", CancellationToken.None);
        var pods = string.Join('|', Enumerable.Range(0, 300).Select(i => $"vllm-llama-3-8b-instruct-7d9f8c6b5-{i:x5}"));
        await client.QueryAsync($"sum(vllm:num_requests_waiting{{pod=~\"{pods}\"}}) by (pod)", CancellationToken.None);

        Assert.Equal("GET", handler.Requests[0].Method);
        Assert.Equal("http://prometheus.test/prefix/api/v1/query?query=up", handler.Requests[0].Uri);
        Assert.Equal("POST", handler.Requests[1].Method);
        Assert.True(handler.Requests[1].Body.Length > 12_000);
        Assert.True(handler.Requests[1].Uri.Length < 100);
    }

    [Fact]
    public async Task Transient_failures_are_retried_then_succeed()
    {
        var (client, handler) = Create(Options(), _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), _ => FakeHandler.Json(Empty));
        Assert.True((await client.QueryAsync("up", CancellationToken.None)).IsSuccess);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_rejected_query_is_not_retried_and_keeps_Prometheus_words()
    {
        var (client, handler) = Create(Options(), _ => FakeHandler.Json("""{"status":"error","errorType":"bad_data","error":"parse error"}""", HttpStatusCode.BadRequest));
        var result = await client.QueryAsync("sum(", CancellationToken.None);
        Assert.Equal(PromErrorKind.Query, result.Error!.Kind);
        Assert.Equal(400, result.Error.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_proxy_error_page_is_an_http_status_error_after_retries()
    {
        var (client, handler) = Create(Options(), Enumerable.Repeat<Func<HttpRequestMessage, HttpResponseMessage>>(
            _ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") }, 3).ToArray());
        var result = await client.QueryAsync("up", CancellationToken.None);
        Assert.Equal(PromErrorKind.HttpStatus, result.Error!.Kind);
        Assert.Equal(502, result.Error.StatusCode);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task A_hung_server_is_a_timeout()
    {
        var (client, _) = Create(Options() with { MaxRetries = 0, Timeout = TimeSpan.FromMilliseconds(100) }, FakeHandler.Hang);
        Assert.Equal(PromErrorKind.Timeout, (await client.QueryAsync("up", CancellationToken.None)).Error!.Kind);
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit()
    {
        var (client, handler) = Create(Options() with { MaxRetries = 0 }, Enumerable.Repeat<Func<HttpRequestMessage, HttpResponseMessage>>(
            _ => throw new HttpRequestException("Connection refused"), 20).ToArray());
        var kinds = new List<PromErrorKind>();
        for (var i = 0; i < 8; i++)
        {
            kinds.Add((await client.QueryAsync("up", CancellationToken.None)).Error!.Kind);
        }

        Assert.Equal(PromErrorKind.Connection, kinds[0]);
        Assert.Equal(PromErrorKind.CircuitOpen, kinds[^1]);
        Assert.True(handler.Requests.Count < 8);
    }

    [Fact]
    public async Task The_bearer_token_comes_from_its_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "s3cr3t\n");
            var (client, handler) = Create(Options() with { BearerTokenFile = file }, _ => FakeHandler.Json(Empty));
            await client.QueryAsync("up", CancellationToken.None);
            Assert.Equal("Bearer s3cr3t", handler.Requests[0].Headers["Authorization"]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
