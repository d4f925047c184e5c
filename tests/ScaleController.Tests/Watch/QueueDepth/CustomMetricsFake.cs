using System.Globalization;
using System.Net;
using System.Text;
using Autoscale.Kubernetes;

namespace Autoscale.ScaleController.Tests.Watch.QueueDepth;

/// <summary>
/// Stands in for the metrics adapter behind the API server: answers GETs under <c>/apis/custom.metrics.k8s.io/</c>
/// with a v1beta2 MetricValueList (the adapter's shape) whose value the test sets, stamped with the real clock, or
/// with <see cref="StatusCode"/> when that is set. Every other request goes on to the Kubernetes API test server.
/// </summary>
internal sealed class CustomMetricsFake : DelegatingHandler
{
    private double _value;
    private int _hits;

    public string? LastPath { get; private set; }

    public string? LastQuery { get; private set; }

    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Answer with this status (as a Kubernetes Status) instead of a value.</summary>
    public int? StatusCode { get; set; }

    public double Value
    {
        get => Volatile.Read(ref _value);
        set => Volatile.Write(ref _value, value);
    }

    public static string List(string kind, string name, string quantity, DateTimeOffset timestamp) => $$"""
        {"kind":"MetricValueList","apiVersion":"custom.metrics.k8s.io/v1beta2","metadata":{},"items":[
          {"describedObject":{"kind":"{{kind}}","namespace":"llm","name":"{{name}}","apiVersion":"apps/v1"},
           "metric":{"name":"vllm_queue_depth"},"timestamp":"{{timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}}","windowSeconds":0,"value":"{{quantity}}"}]}
        """;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith("/apis/custom.metrics.k8s.io/", StringComparison.Ordinal))
        {
            return base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _hits);
        LastPath = path;
        LastQuery = request.RequestUri.Query;
        if (StatusCode is { } code)
        {
            var status = $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","code":{{code}}}""";
            return Task.FromResult(new HttpResponseMessage((HttpStatusCode)code) { Content = new StringContent(status, Encoding.UTF8, "application/json") });
        }

        var name = path.Split('/')[^2];
        var body = List("Deployment", name, Quantity.FormatMilli(Value), TimeProvider.System.GetUtcNow());
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
