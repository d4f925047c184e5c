using Autoscale.MetricsAdapter.Sources.Targets;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Tests.Sources.Targets;

public sealed class PodEndpointTests
{
    private static readonly string[] InferencePorts = ["metrics", "http"];

    [Theory]
    [InlineData("9090", null, null, "http://10.0.0.1:9090/metrics")]
    [InlineData("9090", "stats", "https", "https://10.0.0.1:9090/stats")]
    [InlineData("not-a-port", null, null, "http://10.0.0.1:8000/metrics")]
    [InlineData(null, "/custom", null, "http://10.0.0.1:8000/custom")]
    public void Annotations_win_over_defaults(string? port, string? path, string? scheme, string expected)
    {
        var annotations = new Dictionary<string, string>();
        AddIf(annotations, PodEndpoint.PortAnnotation, port);
        AddIf(annotations, PodEndpoint.PathAnnotation, path);
        AddIf(annotations, PodEndpoint.SchemeAnnotation, scheme);

        var url = PodEndpoint.Url(Kube.Pod("ns", "p", annotations: annotations), InferencePorts, 8000, "/metrics");

        Assert.Equal(new Uri(expected), url);
    }

    [Fact]
    public void Named_metrics_port_beats_http_whatever_the_container_order()
    {
        var pod = Kube.Pod("ns", "p", ports: [Kube.Port("http", 8080), Kube.Port("metrics", 9100)]);

        Assert.Equal(new Uri("http://10.0.0.1:9100/metrics"), PodEndpoint.Url(pod, InferencePorts, 8000, "/metrics"));
        Assert.Equal(new Uri("http://10.0.0.1:8080/metrics"), PodEndpoint.Url(Kube.Pod("ns", "p", ports: [Kube.Port("http", 8080)]), InferencePorts, 8000, "/metrics"));
    }

    [Fact]
    public void Ipv6_pod_ips_are_bracketed()
    {
        Assert.Equal(new Uri("http://[fd00::1]:8000/metrics"), PodEndpoint.Url(Kube.Pod("ns", "p", ip: "fd00::1"), InferencePorts, 8000, "/metrics"));
    }

    [Theory]
    [InlineData(null, "Pending")]
    [InlineData("10.0.0.1", "Succeeded")]
    [InlineData("10.0.0.1", "Failed")]
    public void Pods_without_an_ip_or_finished_have_no_endpoint(string? ip, string phase)
    {
        Assert.Null(PodEndpoint.Url(Kube.Pod("ns", "p", ip: ip, phase: phase), InferencePorts, 8000, "/metrics"));
    }

    private static void AddIf(Dictionary<string, string> into, string key, string? value)
    {
        if (value is not null)
        {
            into[key] = value;
        }
    }
}
