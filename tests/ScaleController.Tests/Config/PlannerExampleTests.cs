using Autoscale.ScaleController.Config;
using YamlDotNet.RepresentationModel;

namespace Autoscale.ScaleController.Tests.Config;

/// <summary>
/// deploy/examples/vllm-planner.yaml: its HPA scales the Deployment the examples create on the planner's object
/// metric (AverageValue 1) with queue depth as the safety net and the tolerance set, and the controller config in
/// its header loads and turns the planner on for that Deployment with the replica's --max-num-seqs.
/// </summary>
public sealed class PlannerExampleTests
{
    private static readonly string Examples = Path.Combine(RepositoryRoot(), "deploy", "examples");

    [Fact]
    public void The_hpa_scales_the_example_deployment_on_the_planner_metric_with_a_safety_net_and_tolerance()
    {
        var hpa = Document(File.ReadAllText(Path.Combine(Examples, "vllm-planner.yaml")));
        var deployment = Document(File.ReadAllText(Path.Combine(Examples, "vllm-deployment.yaml")));

        Assert.Equal(("HorizontalPodAutoscaler", "vllm-llama", "llm"), (At(hpa, "kind"), At(hpa, "metadata.name"), At(hpa, "metadata.namespace")));
        Assert.Equal(("Deployment", At(deployment, "metadata.name"), At(deployment, "metadata.namespace")),
            (At(hpa, "spec.scaleTargetRef.kind"), At(hpa, "spec.scaleTargetRef.name"), At(hpa, "metadata.namespace")));
        var metrics = (YamlSequenceNode)Node(hpa, "spec.metrics");
        var planner = metrics.Cast<YamlMappingNode>().Single(m => At(m, "type") == "Object");
        Assert.Equal(("autoscale_desired_replicas", "AverageValue", "1"), (At(planner, "object.metric.name"), At(planner, "object.target.type"), At(planner, "object.target.averageValue")));
        Assert.Equal((At(hpa, "spec.scaleTargetRef.kind"), At(hpa, "spec.scaleTargetRef.name")), (At(planner, "object.describedObject.kind"), At(planner, "object.describedObject.name")));
        Assert.Contains(metrics.Cast<YamlMappingNode>(), m => At(m, "type") == "Pods" && At(m, "pods.metric.name") == "vllm_queue_depth");
        Assert.Equal(("0", "0"), (At(hpa, "spec.behavior.scaleUp.tolerance"), At(hpa, "spec.behavior.scaleDown.tolerance")));
    }

    [Fact]
    public void The_controller_config_in_its_header_turns_the_planner_on_for_that_deployment()
    {
        var lines = File.ReadAllLines(Path.Combine(Examples, "vllm-planner.yaml"));
        var from = Array.FindIndex(lines, l => l.StartsWith("# --- controller config", StringComparison.Ordinal));
        var to = Array.FindIndex(lines, l => l == "# --- end ---");
        Assert.True(from >= 0 && to > from, "the example marks its controller config");

        var result = ConfigLoader.Load(string.Join('\n', lines[(from + 1)..to].Select(l => l.Length > 2 ? l[2..] : "")));

        Assert.Empty(result.Errors);
        var workload = Assert.Single(result.Config!.Workloads);
        Assert.Equal(new WorkloadRef("llm", "vllm-llama"), workload.Workload);
        Assert.True(workload.Policy.Planner.Enabled);
        var deployment = File.ReadAllText(Path.Combine(Examples, "vllm-deployment.yaml"));
        Assert.Contains($"--max-num-seqs={workload.Policy.Planner.Profile!.MaxSequences}", deployment, StringComparison.Ordinal);
    }

    private static YamlMappingNode Document(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlNode Node(YamlMappingNode root, string path) =>
        path.Split('.').Aggregate((YamlNode)root, (node, key) => ((YamlMappingNode)node)[key]);

    private static string? At(YamlMappingNode root, string path) => ((YamlScalarNode)Node(root, path)).Value;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Autoscale.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Autoscale.sln above {AppContext.BaseDirectory}");
    }
}
