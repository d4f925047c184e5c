using Autoscale.Hosting.Flags;

namespace Autoscale.MetricsAdapter.Tests.Hosting;

/// <summary>The one flag parser of every program (Autoscale.Hosting.Flags): the forms it reads, what it refuses, and the help it writes.</summary>
public sealed class FlagSetTests
{
    private static readonly FlagSet Flags = new FlagSet()
        .Value("namespace", "NS", "the namespace")
        .Alias("-n", "namespace")
        .Value("metric", "NAME", "a metric; repeat for more")
        .Bool("check", "validate and exit\nwith a second line")
        .Value("slo-ttft-floor", "S", "the floor")
        .Alias("--slo-ttft", "slo-ttft-floor", hidden: true);

    [Fact]
    public void Values_are_read_in_both_forms_repeats_in_order_and_booleans_as_go_reads_them()
    {
        var parsed = Flags.Parse(["--namespace", "llm", "--metric=a", "-n", "demo", "--metric", "b", "--check", "--slo-ttft=3"]);

        Assert.Equal("demo", parsed.Get("namespace"));
        Assert.Equal(["a", "b"], parsed.All("metric"));
        Assert.True(parsed.Bool("check"));
        Assert.Equal("3", parsed.Get("slo-ttft-floor"));
        Assert.Null(parsed.Get("nothing"));
        Assert.False(Flags.Parse(["--check=false"]).Bool("check", fallback: true));
        Assert.True(Flags.Parse(["--check=T"]).Bool("check"));
        Assert.Equal("-1", Flags.Parse(["--namespace", "-1"]).Get("namespace"));
    }

    [Theory]
    [InlineData("--nope", "unknown flag --nope")]
    [InlineData("--nope=1", "unknown flag --nope")]
    [InlineData("-x", "unknown flag -x")]
    [InlineData("--namespace", "flag --namespace needs a value")]
    [InlineData("--namespace --check", "flag --namespace needs a value")]
    [InlineData("--check=yes", "flag --check: \"yes\" is not a boolean (true or false)")]
    [InlineData("stray", "unexpected argument \"stray\"")]
    public void A_bad_command_line_is_a_flag_exception_naming_the_flag(string line, string message)
    {
        var error = Assert.Throws<FlagException>(() => Flags.Parse(line.Split(' ')));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Operands_are_kept_when_the_command_takes_them()
    {
        var parsed = Flags.Parse(["status", "-n", "llm", "vllm"], operands: true);

        Assert.Equal(["status", "vllm"], parsed.Operands);
        Assert.Equal("llm", parsed.Get("namespace"));
    }

    [Fact]
    public void Help_lists_every_declaration_with_its_aliases_in_one_column()
    {
        Assert.Equal(
            """
              -n, --namespace=NS  the namespace
              --metric=NAME       a metric; repeat for more
              --check             validate and exit
                                  with a second line
              --slo-ttft-floor=S  the floor
            """,
            Flags.Help());
    }
}
