using System.Net;
using System.Text;

namespace Autoscale.MetricsAdapter.Tests.Sources.Prometheus;

/// <summary>Answers requests from a script and records what was sent (method, URI, body, headers).</summary>
internal sealed class FakeHandler(IReadOnlyList<Func<HttpRequestMessage, HttpResponseMessage>> answers) : HttpMessageHandler
{
    private int _next;

    public List<(string Method, string Uri, string Body, Dictionary<string, string> Headers)> Requests { get; } = [];

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Hang(HttpRequestMessage request) => throw new InvalidOperationException("replaced by a hang");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        lock (Requests)
        {
            Requests.Add((request.Method.Method, request.RequestUri!.AbsoluteUri, body, headers));
        }

        var answer = answers[Math.Min(Interlocked.Increment(ref _next) - 1, answers.Count - 1)];
        if (answer == Hang)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
        }

        return answer(request);
    }
}
