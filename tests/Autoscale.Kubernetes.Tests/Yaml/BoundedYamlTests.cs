using Autoscale.Kubernetes.Yaml;
using YamlDotNet.RepresentationModel;

namespace Autoscale.Kubernetes.Tests.Yaml;

public sealed class BoundedYamlTests
{
    [Fact]
    public void HundredThousandOpenBracketsAreRefusedWithoutRecursing()
    {
        // 200 KB: fits a ConfigMap; YamlStream.Load alone overflows the stack on it and aborts the process.
        var error = Assert.Throws<YamlLimitException>(() => BoundedYaml.Load("a: " + new string('[', 100_000)));

        Assert.Equal("a[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]", error.Path);
        Assert.Contains("more than 64 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepBlockMappingsNameTheFieldWhereTheyGoTooDeep()
    {
        var text = string.Concat(Enumerable.Range(0, 70).Select(i => new string(' ', i * 2) + $"k{i}:\n")) + new string(' ', 140) + "x: 1\n";

        var error = Assert.Throws<YamlLimitException>(() => BoundedYaml.Load(text));

        Assert.StartsWith("k0.k1.k2.", error.Path, StringComparison.Ordinal);
        Assert.EndsWith(".k63", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingAtTheLimitIsRead()
    {
        var text = new string('[', 64) + "1" + new string(']', 64);

        var stream = BoundedYaml.Load(text);

        Assert.IsType<YamlSequenceNode>(stream.Documents[0].RootNode);
    }

    [Fact]
    public void AnAliasBombIsRefusedByItsExpandedSize()
    {
        // Each level doubles: 2^20 nodes from 21 short lines.
        var lines = new List<string> { "l0: &l0 [x, x]" };
        for (int i = 1; i <= 20; i++)
        {
            lines.Add($"l{i}: &l{i} [*l{i - 1}, *l{i - 1}]");
        }

        var error = Assert.Throws<YamlLimitException>(() => BoundedYaml.Load(string.Join('\n', lines)));

        Assert.Contains("100000 nodes", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("l1", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void ASmallAliasIsReadWhenTheLimitsAllowAliases()
    {
        var stream = BoundedYaml.Load("base: &b {a: 1}\nother: *b\n", YamlLimits.Config with { RefuseAliases = false });

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.Same(root.Children[new YamlScalarNode("base")], root.Children[new YamlScalarNode("other")]);
    }

    [Fact]
    public void ATextOverTheSizeLimitIsRefusedBeforeParsing()
    {
        var error = Assert.Throws<YamlLimitException>(() => BoundedYaml.Load(new string('#', 100), new YamlLimits(99, 64, 1000)));

        Assert.Equal("", error.Path);
        Assert.Contains("100 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidYamlStillThrowsTheParsersError() =>
        Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => BoundedYaml.Load("a: [1, 2"));
}
