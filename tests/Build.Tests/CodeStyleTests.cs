namespace Autoscale.Build.Tests;

/// <summary>
/// The style rules of .editorconfig are enforced by the build (EnforceCodeStyleInBuild, warnings as errors): a probe
/// project under this folder, so the repository's .editorconfig and Directory.Build.props apply to it, is built
/// once clean (it must pass, so a failure below is the rule's) and once with violations (it must fail, naming them).
/// </summary>
public sealed class CodeStyleTests : IDisposable
{
    private const string Clean = """
        namespace Probe;

        public sealed class Counter
        {
            private int _count;

            public int Next() => ++_count;
        }
        """;

    private readonly string _dir = Path.Combine(AppContext.BaseDirectory, "style-probe-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_clean_probe_builds_and_a_field_without_underscore_or_a_block_namespace_fails_the_build()
    {
        var clean = await BuildAsync(Clean);
        Assert.True(clean.ExitCode == 0, $"the clean probe must build:\n{clean.Stdout}{clean.Stderr}");

        var violating = await BuildAsync("""
            namespace Probe
            {
                public sealed class Counter
                {
                    private int count;

                    public int Next() => ++count;
                }
            }
            """);

        Assert.NotEqual(0, violating.ExitCode);
        Assert.Contains("error IDE1006", violating.Stdout, StringComparison.Ordinal);
        Assert.Contains("Missing prefix: '_'", violating.Stdout, StringComparison.Ordinal);
        Assert.Contains("error IDE0161", violating.Stdout, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<ToolResult> BuildAsync(string source)
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "Probe.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "Counter.cs"), source + "\n");
        return await Tool.RunAsync(
            Tool.DotnetHost,
            ["build", Path.Combine(_dir, "Probe.csproj"), "-c", "Release", "-nologo", "-clp:ErrorsOnly", "-p:SourceRevisionId=probe", "-nodeReuse:false"],
            workingDirectory: _dir,
            timeout: TimeSpan.FromMinutes(5));
    }
}
