using Autoscale.Kubernetes.Yaml;

namespace Autoscale.Kubernetes.Tests.Yaml;

/// <summary>The one strict reader of config files: what it refuses, and that every refusal names the field.</summary>
public sealed class StrictYamlTests
{
    [Theory]
    [InlineData("a: [1, 2", "(root): invalid YAML at line")]
    [InlineData("- 1\n- 2", "(root): expected a mapping, got a list")]
    [InlineData("a: 1\n---\nb: 2", "(root): expected one YAML document, got 2")]
    [InlineData("base: &b {x: 1}\nother: *b", "other: is the alias *b (line 2)")]
    [InlineData("list: [&v 1, *v]", "list[1]: is the alias *v")]
    [InlineData("a: 1\nb: {c: 1, c: 2}", "b.c: is a duplicate key (line 2)")]
    [InlineData("a: 1\na: 2", "a: is a duplicate key (line 2)")]
    [InlineData("a: [{x: 1}, {x: 1, y: 2, x: 3}]", "a[1].x: is a duplicate key")]
    public void What_a_config_file_may_not_hold_is_refused_naming_where(string yaml, string error)
    {
        var errors = new YamlErrors();

        Assert.Null(StrictYaml.Read(yaml, errors));

        Assert.StartsWith(error, Assert.Single(errors.All), StringComparison.Ordinal);
    }

    [Fact]
    public void A_section_read_on_its_own_names_its_fields_from_where_it_sits()
    {
        var errors = new YamlErrors();

        Assert.Null(StrictYaml.Read("a: 1\na: 2", errors, "prometheus"));

        Assert.StartsWith("prometheus.a: is a duplicate key", Assert.Single(errors.All), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("~")]
    public void An_empty_text_is_a_root_that_does_not_exist_and_reads_as_defaults(string yaml)
    {
        var errors = new YamlErrors();

        var root = StrictYaml.Read(yaml, errors);

        Assert.NotNull(root);
        Assert.False(root.Exists);
        Assert.Equal(7, root.Section("a").Int("b", 7));
        Assert.False(errors.Any);
    }

    [Fact]
    public void An_alias_bomb_is_refused_by_its_size_before_its_aliases()
    {
        var lines = new List<string> { "x0: &x0 [a, a]" };
        for (int i = 1; i <= 20; i++)
        {
            lines.Add($"x{i}: &x{i} [*x{i - 1}, *x{i - 1}]");
        }

        var errors = new YamlErrors();

        Assert.Null(StrictYaml.Read(string.Join('\n', lines), errors));
        Assert.Contains("nodes", Assert.Single(errors.All), StringComparison.Ordinal);
    }
}
