namespace Autoscale.Kubernetes.Tests;

public sealed class LabelSelectorTests
{
    private const string QualifiedNameDetail =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
        + " (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string LabelValueDetail =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
        + " (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    // Upstream TestSelectorParse: good strings restring to themselves minus spaces.
    [Theory]
    [InlineData("x=a,y=b,z=c")]
    [InlineData("")]
    [InlineData("x!=a,y=b")]
    [InlineData("x=")]
    [InlineData("x= ")]
    [InlineData("x=,z= ")]
    [InlineData("x= ,z= ")]
    [InlineData("!x")]
    [InlineData("x>1")]
    [InlineData("x>1,z<5")]
    public void Upstream_good_strings_restring(string text) =>
        Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), LabelSelector.Parse(text).ToString());

    // Upstream TestSetSelectorParser (valid rows) and a few more: input → canonical String().
    [Theory]
    [InlineData("\rx", "x")]
    [InlineData("this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash")]
    [InlineData("this-is-another-dns.domain.com/key-with-dash in (so,what)", "this-is-another-dns.domain.com/key-with-dash in (so,what)")]
    [InlineData("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)")]
    [InlineData("foo  in\t (abc)", "foo in (abc)")]
    [InlineData("x notin\n (abc)", "x notin (abc)")]
    [InlineData("x  notin\t\t\t(abc,def)", "x notin (abc,def)")]
    [InlineData("x in (def,abc,abc)", "x in (abc,def)")]
    [InlineData("x in (abc,)", "x in (,abc)")]
    [InlineData("x in ()", "x in ()")]
    [InlineData("x notin (abc,,def),bar,z in (),w", "bar,w,x notin (,abc,def),z in ()")]
    [InlineData("x,y in (a)", "x,y in (a)")]
    [InlineData("y in (a),x", "x,y in (a)")]
    [InlineData("x=a", "x=a")]
    [InlineData("x==a", "x==a")]
    [InlineData("x>1", "x>1")]
    [InlineData("x<7", "x<7")]
    [InlineData("x=a,y!=b,z in (h,i,j)", "x=a,y!=b,z in (h,i,j)")]
    [InlineData("x notin ( )", "x notin ()")]
    [InlineData("x notin (, a)", "x notin (,a)")]
    [InlineData("a ", "a")]
    [InlineData("a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)")]
    [InlineData("notin=in", "notin=in")]
    [InlineData("in in (in)", "in in (in)")]
    [InlineData("x=a,a=x", "a=x,x=a")]
    [InlineData("z,b=1,a!=2,!c", "a!=2,b=1,!c,z")]
    [InlineData("b=2,b=1", "b=2,b=1")] // stable for equal keys
    [InlineData(" app = vllm , model in ( llama-3-8b ) , ! canary ", "app=vllm,!canary,model in (llama-3-8b)")]
    [InlineData("example.com/a_b.c-d=Z_9.x-y", "example.com/a_b.c-d=Z_9.x-y")]
    public void Parse_gives_canonical_string(string text, string expected)
    {
        LabelSelector selector = LabelSelector.Parse(text);
        Assert.Equal(expected, selector.ToString());
        Assert.Equal(expected, LabelSelector.Parse(expected).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \t\r\n")]
    public void Empty_text_is_everything(string? text)
    {
        Assert.True(LabelSelector.TryParse(text, out LabelSelector selector, out string? error));
        Assert.Null(error);
        Assert.Same(LabelSelector.Everything, selector);
        Assert.True(selector.Matches(new Dictionary<string, string> { ["x"] = "y" }));
        Assert.Equal("", selector.ToString());
    }

    [Fact]
    public void Requirements_are_sorted_by_key_with_sorted_distinct_values()
    {
        LabelSelector selector = LabelSelector.Parse("z notin (b,a,b),a in (y,x),m,!k,c>3");
        Assert.Equal(["a", "c", "k", "m", "z"], selector.Requirements.Select(r => r.Key));
        Assert.Equal(
            [SelectorOperator.In, SelectorOperator.GreaterThan, SelectorOperator.DoesNotExist, SelectorOperator.Exists, SelectorOperator.NotIn],
            selector.Requirements.Select(r => r.Operator));
        Assert.Equal(["x", "y"], selector.Requirements[0].Values);
        Assert.Equal(["3"], selector.Requirements[1].Values);
        Assert.Empty(selector.Requirements[2].Values);
        Assert.Equal(["a", "b"], selector.Requirements[4].Values);
    }

    // Error wording as upstream prints it (field errors with a nil path show "<nil>").
    [Theory]
    [InlineData("x=a||y=b", "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + LabelValueDetail)]
    [InlineData("x==a==b", "found '==', expected: ',' or 'end of string'")]
    [InlineData("!x=a", "found '=', expected: ',' or 'end of string'")]
    [InlineData("x<a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x>a;b", "unable to parse requirement: [values[0]: Invalid value: \"a;b\": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: \"a;b\": " + LabelValueDetail + "]")]
    [InlineData("x>99999999999999999999", "unable to parse requirement: values[0]: Invalid value: \"99999999999999999999\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("x,,y", "found ',', expected: identifier after ','")]
    [InlineData(",x,y", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("x nott in (y)", "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a in (xyz),", "found '', expected: identifier after ','")]
    [InlineData("a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'")]
    [InlineData("a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'")]
    [InlineData("a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier")]
    [InlineData("a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("(", "found '(', expected: !, identifier, or 'end of string'")]
    [InlineData("x in a", "unable to parse requirement: found 'a' expected: '('")]
    [InlineData("x in", "unable to parse requirement: found '' expected: '('")]
    [InlineData("x in (a,=)", "unable to parse requirement: found '=', expected: ',', or identifier")]
    [InlineData("x in (a,,)", "unable to parse requirement: found ')', expected: ',', or identifier")]
    [InlineData("x=(a)", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("!=a", "found '!=', expected: !, identifier, or 'end of string'")]
    [InlineData("! =a", "unable to parse requirement: found '=', expected: identifier")]
    [InlineData("app: nginx", "unable to parse requirement: <nil>: Invalid value: \"app:\": name part " + QualifiedNameDetail)]
    [InlineData("a/b/c ?=? def", "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name " + QualifiedNameDetail + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")]
    [InlineData("/a", "unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty")]
    [InlineData("a/", "unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be non-empty; name part " + QualifiedNameDetail)]
    [InlineData("app.kubernetes_io/name=x", "unable to parse requirement: <nil>: Invalid value: \"app.kubernetes_io/name\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "unable to parse requirement: <nil>: Invalid value: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": name part must be no more than 63 characters")]
    [InlineData("x=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "unable to parse requirement: values[0][x]: Invalid value: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": must be no more than 63 characters")]
    [InlineData("x=\"q\"", "unable to parse requirement: values[0][x]: Invalid value: \"\\\"q\\\"\": " + LabelValueDetail)]
    [InlineData("x in (-a,b_)", "unable to parse requirement: [values[0][x]: Invalid value: \"-a\": " + LabelValueDetail + ", values[1][x]: Invalid value: \"b_\": " + LabelValueDetail + "]")]
    public void Invalid_input_fails_with_upstream_wording(string text, string expected)
    {
        Assert.False(LabelSelector.TryParse(text, out LabelSelector selector, out string? error));
        Assert.Equal(expected, error);
        Assert.Same(LabelSelector.Everything, selector);
        FormatException thrown = Assert.Throws<FormatException>(() => LabelSelector.Parse(text));
        Assert.Equal(expected, thrown.Message);
    }

    // Upstream TestSelectorMatches and TestRequirementSelectorMatching, plus absent-key and gt/lt edges.
    [Theory]
    [InlineData("", "x=y", true)]
    [InlineData("x=y", "x=y", true)]
    [InlineData("x=y,z=w", "x=y;z=w", true)]
    [InlineData("x!=y,z!=w", "x=z;z=a", true)]
    [InlineData("notin=in", "notin=in", true)]
    [InlineData("x", "x=z", true)]
    [InlineData("!x", "y=z", true)]
    [InlineData("x>1", "x=2", true)]
    [InlineData("x<1", "x=0", true)]
    [InlineData("x=z", "", false)]
    [InlineData("x=y", "x=z", false)]
    [InlineData("x=y,z=w", "x=w;z=w", false)]
    [InlineData("x!=y,z!=w", "x=z;z=w", false)]
    [InlineData("x", "y=z", false)]
    [InlineData("!x", "x=z", false)]
    [InlineData("x>1", "x=0", false)]
    [InlineData("x<1", "x=2", false)]
    [InlineData("foo=bar,baz=blah", "foo=bar;baz=blah", true)]
    [InlineData("foo=bar,foobar=bar,baz=blah", "foo=bar;baz=blah", false)]
    [InlineData("x in (foo),y notin (alpha)", "x=foo;y=baz", true)]
    [InlineData("x in (foo),y in (alpha)", "x=foo;y=baz", false)]
    [InlineData("x notin (),y", "y=", true)]
    [InlineData("!x,y", "y=", true)]
    [InlineData("x notin (),!y", "y=", false)]
    [InlineData("x in ()", "y=baz", false)]
    [InlineData("x in ()", "x=", true)]
    [InlineData("x=", "x=", true)]
    [InlineData("x=", "", false)]
    [InlineData("x!=a", "", true)] // != matches an absent key
    [InlineData("x notin (a)", "", true)]
    [InlineData("x in (a,b)", "x=b", true)]
    [InlineData("x in (a,b)", "x=c", false)]
    [InlineData("x notin (a,b)", "x=b", false)]
    [InlineData("z>1", "z=v2", false)] // non-integer label value
    [InlineData("z>1", "", false)] // absent key
    [InlineData("z<1", "", false)]
    [InlineData("z>1", "z=+2", true)] // Go's ParseInt accepts a sign
    [InlineData("z<0", "z=-2", true)]
    [InlineData("z>1", "z= 2", false)]
    [InlineData("z>1", "z=2\0", false)]
    [InlineData("z>1", "z=99999999999999999999", false)] // overflows int64
    [InlineData("z<9223372036854775807", "z=-9223372036854775808", true)]
    [InlineData("x=A", "x=a", false)] // case-sensitive
    public void Matches_as_upstream(string selector, string labels, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels(labels)));

    [Fact]
    public void Matches_does_not_allocate()
    {
        LabelSelector selector = LabelSelector.Parse("app=vllm,model in (a,b,llama),!canary,tier notin (x),rev>3,gen<100,zone");
        var labels = Labels("app=vllm;model=llama;tier=web;rev=7;gen=42;zone=z1");
        Assert.True(selector.Matches(labels));
        var miss = Labels("app=vllm;model=llama;tier=x");
        Assert.False(selector.Matches(miss));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            selector.Matches(labels);
            selector.Matches(miss);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ToMetaLabelSelector_mirrors_ParseToLabelSelector()
    {
        MetaLabelSelector meta = LabelSelector.Parse("app=vllm,tier==web,canary!=yes,model in (b,a),env notin (dev),gpu,!spot").ToMetaLabelSelector();

        Assert.NotNull(meta.MatchLabels);
        Assert.Equal(2, meta.MatchLabels.Count);
        Assert.Equal("vllm", meta.MatchLabels["app"]);
        Assert.Equal("web", meta.MatchLabels["tier"]);

        Assert.NotNull(meta.MatchExpressions);
        Assert.Collection(
            meta.MatchExpressions,
            e => AssertExpression(e, "canary", "NotIn", ["yes"]),
            e => AssertExpression(e, "env", "NotIn", ["dev"]),
            e => AssertExpression(e, "gpu", "Exists", null),
            e => AssertExpression(e, "model", "In", ["a", "b"]),
            e => AssertExpression(e, "spot", "DoesNotExist", null));
    }

    [Fact]
    public void ToMetaLabelSelector_leaves_empty_parts_null()
    {
        MetaLabelSelector onlyLabels = LabelSelector.Parse("a=b").ToMetaLabelSelector();
        Assert.Null(onlyLabels.MatchExpressions);
        MetaLabelSelector onlyExpressions = LabelSelector.Parse("a").ToMetaLabelSelector();
        Assert.Null(onlyExpressions.MatchLabels);
        MetaLabelSelector everything = LabelSelector.Everything.ToMetaLabelSelector();
        Assert.Null(everything.MatchLabels);
        Assert.Null(everything.MatchExpressions);
    }

    [Theory]
    [InlineData("a>1", "\"gt\" isn't supported in label selectors")]
    [InlineData("b=c,a<1", "\"lt\" isn't supported in label selectors")]
    public void ToMetaLabelSelector_rejects_gt_and_lt(string text, string message)
    {
        FormatException thrown = Assert.Throws<FormatException>(() => LabelSelector.Parse(text).ToMetaLabelSelector());
        Assert.Equal(message, thrown.Message);
    }

    // Go's lexer reads a NUL like the end of input: it ends the current token, or the whole text when a token starts there.
    [Theory]
    [InlineData("a=b\0,c", "a=b,c")]
    [InlineData("a=b,\0c", "a=b,c")] // the comma scan swallows the NUL
    [InlineData("a=b \0junk", "a=b")]
    public void A_NUL_is_lexed_as_in_go(string text, string expected) =>
        Assert.Equal(expected, LabelSelector.Parse(text).ToString());

    [Theory]
    [InlineData("a\0b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a=b, \0c", "found '', expected: identifier after ','")]
    public void A_NUL_can_also_break_a_selector_as_in_go(string text, string expected)
    {
        Assert.False(LabelSelector.TryParse(text, out _, out string? error));
        Assert.Equal(expected, error);
    }

    private static void AssertExpression(MetaLabelSelectorRequirement actual, string key, string op, string[]? values)
    {
        Assert.Equal(key, actual.Key);
        Assert.Equal(op, actual.Operator);
        if (values is null)
        {
            Assert.Null(actual.Values);
        }
        else
        {
            Assert.Equal(values, actual.Values);
        }
    }

    /// <summary>"k=v;k2=v2" → labels; an empty string is no labels.</summary>
    internal static Dictionary<string, string> Labels(string text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (text.Length == 0)
        {
            return labels;
        }

        foreach (string pair in text.Split(';'))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            labels[pair[..eq]] = pair[(eq + 1)..];
        }

        return labels;
    }
}
