using Autoscale.LoadTest.Config;
using Autoscale.ScaleController.Config;

namespace Autoscale.LoadTest.Controller;

/// <summary>The controller's ConfigMap document, parsed by the controller's own <see cref="ConfigLoader"/>.</summary>
internal static class ControllerYaml
{
    /// <summary>What an SRE gets by listing only the workload: every policy at the controller's built-in default.</summary>
    public const string Minimal = """
        workloads:
          - namespace: llm
            name: vllm
        """;

    /// <summary>The top-level keys of a ConfigMap document; a <c>--config</c> file holding any of them is one.</summary>
    public static readonly string[] TopLevelKeys = ["dryRun", "budget", "defaults", "workloads"];

    public static ControllerConfig Parse(string yaml, string source)
    {
        var result = ConfigLoader.Load(yaml);
        if (result.Config is not { } config)
        {
            throw new ConfigException($"{source}: invalid controller config: {string.Join("; ", result.Errors)}");
        }

        if (config.Workloads.Count == 0)
        {
            throw new ConfigException($"{source}: the controller config lists no workload; the simulated Deployment is its first workloads[] entry");
        }

        return config;
    }
}
