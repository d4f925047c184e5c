using System.Reflection;

namespace Autoscale.LoadTest.Tests.Hosting;

/// <summary>Issue #13 item 4: the load test prints the same version and commit as the programs it drives.</summary>
public sealed class VersionTests
{
    [Theory]
    [InlineData("--version")]
    [InlineData("simulate", "--version")]
    public async Task Version_prints_one_line_with_version_and_commit_and_exits_0(params string[] args)
    {
        var (exit, stdout, stderr) = await Tool.RunProgramAsync("Autoscale.LoadTest.dll", args);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var line = Assert.Single(stdout.TrimEnd().Split('\n'));
        Assert.Matches(@"^Autoscale\.LoadTest 0\.1\.0 \(commit ([0-9a-f]{7,40}|unknown)\)$", line);
        // The line is the binary's own InformationalVersion ("0.1.0+abc1234"), not a constant.
        var informational = typeof(Autoscale.LoadTest.Cli.CliParser).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+');
        Assert.Equal($"Autoscale.LoadTest {informational[0]} (commit {informational[1]})", line);
    }
}
