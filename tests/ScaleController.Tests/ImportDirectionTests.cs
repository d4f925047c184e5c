using System.Text.RegularExpressions;

namespace Autoscale.ScaleController.Tests;

/// <summary>
/// The controller is watch → decide → act: a stage may use the stages before it and the plumbing at the side, never
/// a later stage or the composition. Read from the sources (usings and qualified names), so a new file is covered.
/// </summary>
public sealed partial class ImportDirectionTests
{
    private const string Program = "src/ScaleController";
    private const string Library = "src/Autoscale.ScaleController.Decide";

    public static TheoryData<string, string[]> Rules => new()
    {
        // Decide is pure: no stage around it, no plumbing, no Kubernetes client.
        { $"{Library}/Decide", ["Watch", "Act", "Kube", "Loop", "Hosting", "Leadership", "Telemetry", "k8s"] },
        { $"{Library}/Config", ["Watch", "Act", "Kube", "Loop", "Hosting", "Leadership", "Telemetry", "k8s"] },
        { $"{Program}/Watch", ["Act", "Loop", "Hosting", "Leadership"] },
        { $"{Program}/Act", ["Watch", "Loop", "Hosting"] },
        { $"{Program}/Config", ["Watch", "Loop", "Hosting"] },
        { $"{Program}/Loop", ["Hosting"] },
        { $"{Program}/Kube", ["Watch", "Act", "Config", "Loop", "Hosting", "Leadership"] },
        { $"{Program}/Leadership", ["Watch", "Act", "Config", "Loop", "Hosting"] },
        { $"{Program}/Telemetry", ["Watch", "Act", "Config", "Loop", "Hosting", "Leadership", "Kube"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_folder_imports_no_later_stage(string folder, string[] forbidden)
    {
        var files = Directory.GetFiles(Path.Combine(Repo.Root, folder), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);

        var violations = files
            .SelectMany(f => References(File.ReadAllText(f)).Where(forbidden.Contains).Select(n => $"{Path.GetRelativePath(Repo.Root, f)} → {n}"))
            .Distinct()
            .ToList();

        Assert.Empty(violations);
    }

    [Fact]
    public void Only_the_loop_runs_the_decide_stage()
    {
        // Watch hands Decide its input and Act carries out its output; neither may decide on its own.
        var callers = Directory.GetFiles(Path.Combine(Repo.Root, Program), "*.cs", SearchOption.AllDirectories)
            .Where(f => DecideCall().IsMatch(Code(File.ReadAllText(f))))
            .Select(f => Path.GetRelativePath(Path.Combine(Repo.Root, Program), f).Replace('\\', '/'))
            .ToList();

        Assert.Equal(["Loop/ControllerLoop.cs"], callers);
    }

    [Fact]
    public void References_are_found_in_usings_and_qualified_names_but_not_in_comments()
    {
        const string source = """
            using Autoscale.ScaleController.Act;
            using k8s.Models;
            // Autoscale.ScaleController.Hosting is only mentioned
            /// <see cref="Autoscale.ScaleController.Loop.ControllerLoop"/>
            var x = new Autoscale.ScaleController.Watch.QueueDepth.QueueDepthFeed();
            var group = "leaderworkerset.x-k8s.io";
            """;

        Assert.Equal(["Act", "Watch", "k8s"], References(source).Order(StringComparer.Ordinal));
    }

    /// <summary>The top-level controller namespaces (and <c>k8s</c>) a source file refers to outside comments.</summary>
    private static IEnumerable<string> References(string source)
    {
        var code = Code(source);
        foreach (Match m in ControllerNamespace().Matches(code))
        {
            yield return m.Groups[1].Value;
        }

        if (KubernetesClient().IsMatch(code))
        {
            yield return "k8s";
        }
    }

    private static string Code(string source) =>
        string.Join('\n', source.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));

    [GeneratedRegex(@"\bDecider\.Decide\b")]
    private static partial Regex DecideCall();

    [GeneratedRegex(@"\bAutoscale\.ScaleController\.([A-Za-z]+)\b")]
    private static partial Regex ControllerNamespace();

    // Not after '-' or '.': "leaderworkerset.x-k8s.io" is an API group, not the client.
    [GeneratedRegex(@"(^|[\s(<\[,=!:])k8s[.;]", RegexOptions.Multiline)]
    private static partial Regex KubernetesClient();
}
