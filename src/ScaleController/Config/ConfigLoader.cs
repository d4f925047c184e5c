using Autoscale.Kubernetes.Yaml;
using YamlDotNet.RepresentationModel;

namespace Autoscale.ScaleController.Config;

/// <summary>
/// Parses the ConfigMap's YAML. Hand-walked rather than deserialised so that unknown keys, wrong types and
/// cross-field rules are all reported with the field's path, and all at once.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Never throws: every problem, even a reader bug, is an error in the result, so a reload cannot stop the process.</summary>
    public static ConfigLoadResult Load(string yaml)
    {
        try
        {
            return LoadChecked(yaml);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ConfigLoadResult(null, [$"(root): the config could not be read ({ex.GetType().Name}: {ex.Message})"]);
        }
    }

    private static ConfigLoadResult LoadChecked(string yaml)
    {
        var errors = new YamlErrors();
        // Bounded: 100,000 nested '[' used to overflow the stack of --check and of the live reload.
        if (StrictYaml.Read(yaml, errors) is not { } root)
        {
            return new ConfigLoadResult(null, errors.All);
        }

        if (!root.Exists)
        {
            errors.Add("", "the config is empty");
            return new ConfigLoadResult(null, errors.All);
        }

        var config = Read(root);
        return errors.Any ? new ConfigLoadResult(null, errors.All) : new ConfigLoadResult(config, []);
    }

    private static ControllerConfig Read(YamlMap map)
    {
        map.RejectUnknownKeys("dryRun", "budget", "defaults", "workloads");
        var dryRun = map.Bool("dryRun", false);
        var budget = map.Map("budget") is { } b ? Budget(b) : GpuBudget.Default;
        var defaults = WorkloadPolicy.Default;
        if (map.Map("defaults") is { } d)
        {
            d.RejectUnknownKeys("coldStart", "scaleDown", "scaleUp", "warmPool", "planner");
            defaults = PolicyReader.Read(d, defaults);
        }

        var workloads = WorkloadReader.ReadAll(map, defaults);
        return new ControllerConfig(dryRun, budget, defaults, workloads);
    }

    private static GpuBudget Budget(YamlMap map)
    {
        map.RejectUnknownKeys("maxGpus", "gpuResources");
        var resources = GpuBudget.Default.GpuResources;
        if (map.Sequence("gpuResources") is { } items)
        {
            resources = [.. items.Select(i => (i.Node as YamlScalarNode)?.Value ?? "")];
            if (resources.Count == 0 || resources.Any(r => r.Length == 0))
            {
                map.Errors.Add(map.Child("gpuResources"), "must list resource names such as nvidia.com/gpu");
            }
        }

        return new GpuBudget(map.Int("maxGpus", GpuBudget.Default.MaxGpus, 0, 100_000), resources);
    }
}
