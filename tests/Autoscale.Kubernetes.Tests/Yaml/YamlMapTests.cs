using Autoscale.Kubernetes.Yaml;

namespace Autoscale.Kubernetes.Tests.Yaml;

/// <summary>Typed reads: a wrong value is an error naming the field and reads as the fallback, so every mistake is reported at once.</summary>
public sealed class YamlMapTests
{
    [Theory]
    [InlineData("n: many", "s.n: \"many\" is not an integer")]
    [InlineData("n: 1.5", "s.n: \"1.5\" is not an integer")]
    [InlineData("n: -1", "s.n: -1 is out of range [0, 10]")]
    [InlineData("x: fast", "s.x: \"fast\" is not a number")]
    [InlineData("x: .inf", "s.x: \".inf\" is not a number")]
    [InlineData("x: -0.5", "s.x: -0.5 is out of range [0, ∞)")]
    [InlineData("b: yes", "s.b: \"yes\" is not a boolean (true or false)")]
    [InlineData("d: soon", "s.d: \"soon\" is not a duration like 2s or 500ms")]
    [InlineData("c: zero", "s.c: \"zero\" is not one of omit, serve")]
    [InlineData("m: 3", "s.m: expected a mapping, got \"3\"")]
    [InlineData("l: {a: 1}", "s.l: expected a list, got a mapping")]
    [InlineData("n: [1]", "s.n: expected a scalar, got a list")]
    [InlineData("t: [a, [b]]", "s.t: expected a string or a list of strings, got a list")]
    [InlineData("l: [{a: 1}, 2]", "s.l[1]: expected a mapping, got \"2\"")]
    public void A_wrong_value_is_an_error_naming_the_field_and_reads_as_the_fallback(string yaml, string error)
    {
        var (s, errors) = Section(yaml);

        Assert.Equal(3, s.Int("n", 3, 0, 10));
        Assert.Equal(0.25, s.Double("x", 0.25, 0, double.MaxValue));
        Assert.True(s.Bool("b", true));
        Assert.Equal(TimeSpan.FromSeconds(2), s.Duration("d", TimeSpan.FromSeconds(2)));
        Assert.Equal("omit", s.Choice("c", "omit", "omit", "serve"));
        Assert.Null(s.Map("m"));
        Assert.All(s.Maps("l"), m => Assert.Equal("s.l[0]", m.Path));
        _ = s.Strings("t");

        Assert.StartsWith(error, Assert.Single(errors.All), StringComparison.Ordinal);
    }

    [Fact]
    public void Values_are_read_and_null_means_absent()
    {
        var (s, errors) = Section("n: -4\nx: 2.5e-3\nb: True\nd: 1m30s\nc: serve\nt: one\nu: [a, b]\nz: ~\nk:\nm: {q: 1}");

        Assert.Equal(-4, s.Int("n", 0));
        Assert.Equal(0.0025, s.Double("x", 0));
        Assert.True(s.Bool("b", false));
        Assert.Equal(TimeSpan.FromSeconds(90), s.Duration("d", TimeSpan.Zero));
        Assert.Equal("serve", s.Choice("c", "omit", "omit", "serve"));
        Assert.Equal(["one"], s.Strings("t"));
        Assert.Equal(["a", "b"], s.Strings("u"));
        Assert.False(s.Has("z"));
        Assert.Equal(9, s.Int("k", 9));
        Assert.Equal("{q: 1}\n", s.Text("m"));
        Assert.Equal("s.m.q", s.Section("m").Child("q"));
        Assert.False(errors.Any);
    }

    [Fact]
    public void Unknown_keys_are_refused_against_the_list_given_or_the_keys_asked_for()
    {
        var (s, errors) = Section("interval: 2s\nintervall: 3s\nm: {a: 1, b: 2}");

        s.RejectUnknownKeys("interval", "m");
        var m = s.Section("m");
        m.Int("a", 0);
        m.RejectUnknownKeys();

        Assert.Equal(
            ["s.intervall: unknown key (expected one of: interval, m)", "s.m.b: unknown key (expected one of: a)"],
            errors.All);
    }

    [Fact]
    public void Require_names_the_missing_field()
    {
        var (s, errors) = Section("a: 1");

        Assert.True(s.Require("a"));
        Assert.False(s.Require("b"));

        Assert.Equal(["s.b: is required"], errors.All);
    }

    private static (YamlMap Section, YamlErrors Errors) Section(string yaml)
    {
        var errors = new YamlErrors();
        var root = StrictYaml.Read("s:\n" + string.Join('\n', yaml.Split('\n').Select(line => "  " + line)), errors);
        return (root!.Section("s"), errors);
    }
}
