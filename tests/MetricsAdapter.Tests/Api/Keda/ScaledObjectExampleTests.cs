using Autoscale.MetricsAdapter.Api.Keda;
using Autoscale.MetricsAdapter.Api.Keda.Protocol;
using Autoscale.MetricsAdapter.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Autoscale.MetricsAdapter.Tests.Api.Keda;

/// <summary>The documented ScaledObject stays one the scaler accepts, and stays out of the examples' kustomization.</summary>
public sealed class ScaledObjectExampleTests
{
    private static readonly string Examples = Path.Combine(Repo.Root, "deploy", "examples");

    [Fact]
    public void Its_external_triggers_metadata_is_accepted_as_documented()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Examples, "keda-scaledobject.yaml")))
        {
            stream.Load(reader);
        }

        var scaledObject = stream.Documents.Select(d => (YamlMappingNode)d.RootNode)
            .Single(n => ((YamlScalarNode)n["kind"]).Value == "ScaledObject");
        var name = ((YamlScalarNode)scaledObject["metadata"]["name"]).Value!;
        var triggers = ((YamlSequenceNode)scaledObject["spec"]["triggers"]).Children.Cast<YamlMappingNode>().ToList();

        Assert.NotEmpty(triggers);
        Assert.All(triggers, trigger =>
        {
            Assert.Equal("external", ((YamlScalarNode)trigger["type"]).Value);
            var reference = new ScaledObjectRef { Name = name, Namespace = TestFleet.Ns };
            foreach (var (key, value) in (YamlMappingNode)trigger["metadata"])
            {
                reference.ScalerMetadata[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value!;
            }

            var parsed = ScalerMetadata.Parse(reference);
            Assert.Equal("vllm_queue_depth", parsed.Metric);
            Assert.Equal(5, parsed.Target);
        });
    }

    [Fact]
    public void The_scale_from_zero_example_activates_on_the_router_and_scales_on_the_queue()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Examples, "keda-scale-from-zero.yaml")))
        {
            stream.Load(reader);
        }

        var scaledObject = (YamlMappingNode)stream.Documents.Single().RootNode;
        var triggers = ((YamlSequenceNode)scaledObject["spec"]["triggers"]).Children.Cast<YamlMappingNode>().Select(trigger =>
        {
            var reference = new ScaledObjectRef { Name = "vllm-llama", Namespace = TestFleet.Ns };
            foreach (var (key, value) in (YamlMappingNode)trigger["metadata"])
            {
                reference.ScalerMetadata[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value!;
            }

            return ScalerMetadata.Parse(reference);
        }).ToList();

        Assert.Equal("0", ((YamlScalarNode)scaledObject["spec"]["minReplicaCount"]).Value);
        Assert.Equal(["autoscale_router_requests_per_second", "vllm_queue_depth"], triggers.Select(t => t.Metric));
        Assert.Equal(0, triggers[0].ActivationTarget);
    }

    [Fact]
    public void Is_not_applied_with_the_examples_whose_HPA_owns_the_same_Deployment()
    {
        var kustomization = File.ReadAllText(Path.Combine(Examples, "kustomization.yaml"));

        Assert.Contains("hpa-queue-depth.yaml", kustomization, StringComparison.Ordinal);
        Assert.DoesNotContain("keda-scaledobject.yaml", kustomization, StringComparison.Ordinal);
    }
}
