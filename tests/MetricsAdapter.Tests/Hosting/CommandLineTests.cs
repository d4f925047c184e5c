using Autoscale.MetricsAdapter.Auth;
using Autoscale.MetricsAdapter.Hosting;

namespace Autoscale.MetricsAdapter.Tests.Hosting;

public sealed class CommandLineTests
{
    [Fact]
    public void Parses_kube_style_flags_in_both_forms()
    {
        var options = CommandLine.Parse(
            ["--secure-port=7443", "--metrics-port", "-1", "--authorization-always-allow-paths=/healthz,/metrics*", "--enable-external-metrics",
             "--requestheader-allowed-names=front-proxy-client,aggregator"],
            new AdapterOptions());

        Assert.Equal(7443, options.SecurePort);
        Assert.Equal(-1, options.MetricsPort);
        Assert.Equal(["/healthz", "/metrics*"], options.AlwaysAllowPaths);
        Assert.True(options.EnableExternalMetrics);
        Assert.Equal(["front-proxy-client", "aggregator"], options.Authentication.RequestHeaderAllowedNames);
        Assert.True(new AuthOptions(AuthorizationMode.Delegated, options.AlwaysAllowPaths).IsAlwaysAllowed("/metrics/x"));
    }

    [Theory]
    [InlineData("--no-such-flag", "unknown flag --no-such-flag")]
    [InlineData("--secure-port=http", "flag --secure-port: \"http\" is not a port number")]
    [InlineData("--source-interval=1s", "unknown flag --source-interval")]
    [InlineData("--tls-reload-interval=soon", "is not a duration")]
    [InlineData("--config=/no/such/adapter.yaml", "file \"/no/such/adapter.yaml\" does not exist")]
    [InlineData("--tls-cert-file=/x.crt", "must be given together")]
    [InlineData("--client-ca-file=/no/such/ca.crt", "file \"/no/such/ca.crt\" does not exist")]
    [InlineData("--authorization-mode=yolo", "is not one of delegated, allow-authenticated")]
    [InlineData("--kubeconfig", "flag --kubeconfig needs a value")]
    public void Bad_flags_are_errors_that_name_the_flag(string arg, string message)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => CommandLine.Parse([arg], new AdapterOptions()));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Insecure_dev_mode_is_explicit()
    {
        Assert.Equal(AuthorizationMode.Delegated, CommandLine.Parse([], new AdapterOptions()).AuthorizationMode);
        Assert.Equal(AuthorizationMode.AlwaysAllow, CommandLine.Parse(["--insecure-dev-mode"], new AdapterOptions()).AuthorizationMode);
    }
}
