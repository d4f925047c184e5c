using k8s;

namespace Autoscale.Kubectl.Status;

/// <summary><c>status</c>: read the HPA's picture with the user's kubeconfig and print it; the exit status says whether it is healthy.</summary>
internal static class StatusCommand
{
    public const int Healthy = 0;
    public const int Problems = 3;

    public static async Task<int> RunAsync(CommandLine command, TextWriter output, TimeProvider time, CancellationToken cancellationToken = default)
    {
        KubernetesClientConfiguration config;
        try
        {
            config = command.Kubeconfig is { } file || command.Context is not null
                ? KubernetesClientConfiguration.BuildConfigFromConfigFile(command.Kubeconfig, command.Context)
                : KubernetesClientConfiguration.BuildDefaultConfig();
        }
        catch (Exception ex) when (ex is k8s.Exceptions.KubeConfigException or IOException)
        {
            throw new StatusException($"no usable kubeconfig: {ex.Message}", ex);
        }

        var ns = command.Namespace.Length > 0 ? command.Namespace : config.Namespace ?? "default";
        using var client = new k8s.Kubernetes(config);
        var report = await new StatusReader(client, time).ReadAsync(ns, command.Hpa, cancellationToken);
        StatusPrinter.Write(report, output);
        return report.Problems.Count == 0 ? Healthy : Problems;
    }
}
