using Autoscale.LoadTest.Config;
using YamlDotNet.RepresentationModel;

namespace Autoscale.LoadTest.Tests;

/// <summary>
/// One shipped config (issue #11, Done when): the controller document <c>simulate</c> runs for <c>autoscale</c> without
/// <c>--config</c> is the one deploy/ installs, key for key and value for value (comments aside).
/// </summary>
public sealed class ShippedConfigTests
{
    [Theory]
    [InlineData("deploy/controller/controller-config.yaml")]
    [InlineData("deploy/chart/files/controller-config.yaml")]
    public void The_controller_document_deploy_installs_is_the_simulators_default(string deployed)
    {
        var shipped = Load(new StringReader(ShippedConfig.Text));
        var controller = ((YamlMappingNode)shipped)[new YamlScalarNode("autoscale")][new YamlScalarNode("controller")];
        using var file = new StreamReader(Path.Combine(RepoRoot(), deployed));

        Assert.Equal(Canonical(controller), Canonical(Load(file)));
    }

    private static YamlNode Load(TextReader text)
    {
        var stream = new YamlStream();
        stream.Load(text);
        return stream.Documents[0].RootNode;
    }

    // Mappings by sorted key, sequences in order, scalars by text: what the controller's loader reads.
    private static string Canonical(YamlNode node) => node switch
    {
        YamlMappingNode map => "{" + string.Join(",", map.Children
            .Select(c => (Key: ((YamlScalarNode)c.Key).Value ?? "", Value: Canonical(c.Value)))
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key + ":" + c.Value)) + "}",
        YamlSequenceNode list => "[" + string.Join(",", list.Children.Select(Canonical)) + "]",
        YamlScalarNode scalar => scalar.Value ?? "",
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Autoscale.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Autoscale.sln not found above the test binaries");
    }
}
