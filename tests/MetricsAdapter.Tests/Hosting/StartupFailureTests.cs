using System.Net;
using System.Net.Sockets;
using Autoscale.MetricsAdapter.Tests.Support;

namespace Autoscale.MetricsAdapter.Tests.Hosting;

/// <summary>
/// Issue #12 finding 12: start-up failures ended in stack traces (exit 134) instead of one clear line and a non-zero
/// exit. Runs the real adapter binary as a child process, as a pod would.
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly TestPki _pki = new();

    public void Dispose() => _pki.Dispose();

    [Fact]
    public async Task Port_in_use_is_one_line_and_exit_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, stdout, stderr) = await RunAsync(
            "serve", "--bind-address=127.0.0.1", $"--secure-port={port}", "--metrics-port=-1", "--authentication-skip-lookup",
            "--authorization-mode=allow-authenticated", $"--client-ca-file={_pki.ClientCaFile}",
            $"--tls-cert-file={_pki.ServingCertFile}", $"--tls-private-key-file={_pki.ServingKeyFile}", $"--kubeconfig={Kubeconfig("token: t")}");

        Assert.Equal(1, exit);
        Assert.Equal($"error: cannot listen on 127.0.0.1:{port}: address already in use (--bind-address, --secure-port, --metrics-port)", LastLine(stderr));
        AssertNoStackTrace(stdout + stderr);
    }

    [Fact]
    public async Task KEDA_scaler_port_in_use_names_its_flag()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, stdout, stderr) = await RunAsync(
            "serve", "--bind-address=127.0.0.1", "--secure-port=0", "--metrics-port=-1", $"--keda-scaler-port={port}", "--keda-scaler-plaintext",
            "--authentication-skip-lookup", "--authorization-mode=allow-authenticated", $"--client-ca-file={_pki.ClientCaFile}",
            $"--tls-cert-file={_pki.ServingCertFile}", $"--tls-private-key-file={_pki.ServingKeyFile}", $"--kubeconfig={Kubeconfig("token: t")}");

        Assert.Equal(1, exit);
        Assert.Equal($"error: cannot listen on 127.0.0.1:{port}: address already in use (--bind-address, --keda-scaler-port)", LastLine(stderr));
        AssertNoStackTrace(stdout + stderr);
    }

    [Theory]
    [InlineData("--tls-reload-interval=0", "error: flag --tls-reload-interval: must be greater than 0 (see --help)")]
    [InlineData("--keda-scaler-plaintext", "error: --keda-scaler-plaintext and --keda-scaler-tls-* need --keda-scaler-port (see --help)")]
    [InlineData("--insecure-dev-mode=yes", "error: flag --insecure-dev-mode: \"yes\" is not a boolean (true or false) (see --help)")]
    public async Task Bad_flags_are_one_line_and_exit_2(string flag, string line)
    {
        var (exit, stdout, stderr) = await RunAsync("serve", "--bind-address=127.0.0.1", "--secure-port=0", "--metrics-port=-1", flag);

        Assert.Equal(2, exit);
        Assert.Equal(line, LastLine(stderr));
        AssertNoStackTrace(stdout + stderr);
    }

    [Fact]
    public async Task A_kubeconfig_user_without_credentials_is_one_line_and_exit_1()
    {
        var kubeconfig = Kubeconfig("{}");

        var (exit, stdout, stderr) = await RunAsync("serve", "--bind-address=127.0.0.1", "--secure-port=0", "--metrics-port=-1", $"--kubeconfig={kubeconfig}");

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: cannot use the kubeconfig {kubeconfig}: ", LastLine(stderr), StringComparison.Ordinal);
        AssertNoStackTrace(stdout + stderr);
    }

    [Fact]
    public async Task An_expired_serving_certificate_is_one_line_and_exit_1()
    {
        var expired = Autoscale.MetricsAdapter.Tls.CertificateFactory.CreateServer(null, ["localhost"], new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(1));
        var cert = _pki.Write("expired.crt", Autoscale.MetricsAdapter.Tls.CertificateFactory.CertificatePem(expired));
        var key = _pki.Write("expired.key", Autoscale.MetricsAdapter.Tls.CertificateFactory.PrivateKeyPem(expired));

        var (exit, stdout, stderr) = await RunAsync(
            "serve", "--bind-address=127.0.0.1", "--secure-port=0", "--metrics-port=-1", $"--tls-cert-file={cert}", $"--tls-private-key-file={key}",
            $"--kubeconfig={Kubeconfig("token: t")}");

        Assert.Equal(1, exit);
        Assert.Equal($"error: --tls-cert-file {cert}: the certificate (CN=localhost) expired at 2020-01-02 00:00:00Z", LastLine(stderr));
        AssertNoStackTrace(stdout + stderr);
    }

    private static string LastLine(string text) => text.TrimEnd().Split('\n')[^1].TrimEnd('\r');

    private static void AssertNoStackTrace(string output) =>
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);

    /// <summary>A kubeconfig for a loopback server that is never up, with the given user body.</summary>
    private string Kubeconfig(string user) => _pki.Write($"kubeconfig-{Guid.NewGuid():N}", $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster: {"{"}server: "https://127.0.0.1:1", insecure-skip-tls-verify: true{"}"}
        users:
        - name: u
          user: {(user == "{}" ? "{}" : "{" + user + "}")}
        contexts:
        - name: x
          context: {"{"}cluster: c, user: u{"}"}
        current-context: x
        """);

    private static Task<ToolResult> RunAsync(params string[] args) => Tool.RunProgramAsync("Autoscale.MetricsAdapter.dll", args);
}
