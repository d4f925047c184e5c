using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Tests.Support;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Autoscale.MetricsAdapter.Tests.Hosting;

/// <summary>Issue #12 finding 9: no connection limit (2,000 idle TLS connections cost 90 MB); now bounded and configurable.</summary>
public sealed class ConnectionLimitsTests : IAsyncLifetime
{
    private readonly FleetAdapter _rig = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Fact]
    public async Task Defaults_bound_connections_and_idle_time()
    {
        var limits = (await _rig.StartAsync()).Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(1_000, limits.MaxConcurrentConnections);
        Assert.Equal(TimeSpan.FromSeconds(90), limits.KeepAliveTimeout);
    }

    [Fact]
    public async Task Flags_set_the_limits_and_a_connection_over_the_limit_is_refused()
    {
        var options = CommandLine.Parse(["--max-connections=2", "--idle-connection-timeout=30s", "--tls-handshake-timeout=5s"], new AdapterOptions());
        Assert.Equal(new ConnectionLimits(2, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5)), options.Connections);
        var adapter = await _rig.StartAsync(o => o with { Connections = options.Connections });
        Assert.Equal(TimeSpan.FromSeconds(30), adapter.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.KeepAliveTimeout);

        // Two keep-alive clients hold the two connections (the metrics port is a separate listener, not used here).
        using var first = KeepAliveClient();
        using var second = KeepAliveClient();
        using var one = await first.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var two = await second.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.True(one.IsSuccessStatusCode && two.IsSuccessStatusCode);

        using var third = KeepAliveClient();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => third.GetAsync(new Uri("/healthz", UriKind.Relative)));
    }

    [Theory]
    [InlineData("--max-connections=0", "flag --max-connections: \"0\" is not a positive number")]
    [InlineData("--idle-connection-timeout=0s", "flag --idle-connection-timeout: must be greater than 0")]
    [InlineData("--tls-handshake-timeout=soon", "is not a duration")]
    public void Bad_limits_are_refused(string flag, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => CommandLine.Parse([flag], new AdapterOptions())).Message, StringComparison.Ordinal);

    /// <summary>A client that keeps its connection open after a request (the shared test client closes it).</summary>
    private HttpClient KeepAliveClient() => new(new SocketsHttpHandler { SslOptions = _rig.Pki.ClientTls() }) { BaseAddress = _rig.Adapter.SecureUri };
}
