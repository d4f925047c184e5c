using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Autoscale.MetricsAdapter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Hosting;

/// <summary>
/// Issue #12 finding 13: over HTTP/2 an oversized header block got a GOAWAY that killed the whole connection (through
/// the aggregator's shared connection, every other caller too), and a 16 KB selector was echoed back whole.
/// Real HttpClient over HTTP/2 on loopback; the test counts the TCP connections it opens.
/// </summary>
public sealed class Http2LimitsTests : IAsyncLifetime
{
    private const string Discovery = "/apis/custom.metrics.k8s.io/v1beta2";
    private readonly TestPki _pki = new();
    private RunningAdapter _adapter = null!;
    private int _connections;

    public async Task InitializeAsync() =>
        _adapter = await RunningAdapter.StartAsync(_pki, TestFleet.Create(), new FakeTimeProvider(TestFleet.Now));

    public async Task DisposeAsync()
    {
        await _adapter.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task Too_many_headers_fail_that_request_only_and_the_connection_keeps_serving()
    {
        using var client = Http2Client();
        using var warm = await client.SendAsync(Get(Discovery));
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        using var many = Get(Discovery);
        for (var i = 0; i < 201; i++)
        {
            many.Headers.Add($"X-Filler-{i}", "x");
        }

        using var refused = await client.SendAsync(many);
        using var after = await client.SendAsync(Get(Discovery));

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, refused.StatusCode);
        Assert.Equal(new Version(2, 0), refused.Version);
        Assert.Equal("Status", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["kind"]);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(1, _connections);
    }

    [Fact]
    public async Task A_60_KB_header_fails_that_request_only_and_the_connection_keeps_serving()
    {
        using var client = Http2Client();
        using var warm = await client.SendAsync(Get(Discovery));

        using var large = Get(Discovery);
        large.Headers.Add("X-Large", new string('a', 60 * 1024));
        using var refused = await client.SendAsync(large);
        using var after = await client.SendAsync(Get(Discovery));

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, refused.StatusCode);
        Assert.Contains("larger than", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(1, _connections);
    }

    /// <remarks>
    /// The issue asks for a 400 Status here; that cannot be done in the application: Kestrel refuses to decode
    /// <c>%00</c> into a request path and resets the stream (HTTP/1.1: a bare 400) before any middleware runs. What
    /// matters for the aggregator's shared connection holds: only that stream fails.
    /// </remarks>
    [Fact]
    public async Task A_NUL_in_the_path_fails_that_stream_only()
    {
        using var client = Http2Client();
        using var warm = await client.SendAsync(Get(Discovery));

        using var nul = RawRequest.Get(_adapter.SecureUri, "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/m%00");
        nul.Version = HttpVersion.Version20;
        nul.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        var reset = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(nul));
        using var after = await client.SendAsync(Get(Discovery));

        Assert.Contains("PROTOCOL_ERROR", reset.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(1, _connections);
    }

    [Fact]
    public async Task A_16_KB_selector_is_not_echoed_back_whole()
    {
        using var client = Http2Client();
        var selector = "app in (" + new string('x', 16_000);

        using var response = await client.SendAsync(Get($"/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/vllm_queue_depth?labelSelector={Uri.EscapeDataString(selector)}"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.Length < 2_000, $"the error is {body.Length} characters long");
        Assert.Contains("invalid labelSelector \"app in (xxx", (string?)JsonNode.Parse(body)!["message"], StringComparison.Ordinal);
    }

    private static HttpRequestMessage Get(string path) =>
        new(HttpMethod.Get, new Uri(path, UriKind.Relative)) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

    private HttpClient Http2Client()
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            ConnectCallback = async (context, token) =>
            {
                Interlocked.Increment(ref _connections);
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [_pki.ClientCertificate("jane")],
                RemoteCertificateValidationCallback = (_, certificate, _, _) => _pki.IssuedByServingCa(certificate),
            },
        };
        return new HttpClient(handler) { BaseAddress = _adapter.SecureUri, DefaultRequestVersion = HttpVersion.Version20 };
    }
}
