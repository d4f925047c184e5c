using System.Text.RegularExpressions;

namespace Autoscale.MetricsAdapter.Tests;

/// <summary>
/// The adapter is one forward pipeline, Sources → Store → Catalog → Api: a stage may name the stages before it and the
/// plumbing at the side, never a later stage or the composition (Hosting). Read from the sources (usings and qualified
/// names), so a new file is covered.
/// </summary>
public sealed partial class ImportDirectionTests
{
    private const string Program = "src/MetricsAdapter";

    /// <summary>The stages in order.</summary>
    private static readonly string[] Pipeline = ["Sources", "Store", "Catalog", "Api"];

    /// <summary>
    /// The one later stage a stage may name: Sources write what they read into the Store (as metrics-server's scraper
    /// fills storage's batch); the Store names nothing of the adapter.
    /// </summary>
    private static readonly (string Stage, string Sink)[] Feeds = [("Sources", "Store")];

    /// <summary>The composition: it may name everything, and nothing outside it may name it.</summary>
    private static readonly string[] Composition = ["Hosting", "Preflight"];

    /// <summary>Plumbing at the side of the pipeline and what each may not name.</summary>
    private static readonly (string Folder, string[] Forbidden)[] Side =
    [
        // Reads the config file into each stage's settings; the API and its gate are none of its business.
        ("Config", ["Api", "Auth", "Tls"]),
        // The gate in front of the Api (it answers with the Api's Status replies); it knows no metric data.
        ("Auth", ["Sources", "Store", "Catalog", "Config", "Tls"]),
        ("Tls", ["Sources", "Store", "Catalog", "Api", "Auth", "Config", "Telemetry"]),
        ("Telemetry", ["Sources", "Store", "Catalog", "Api", "Auth", "Config", "Tls"]),
    ];

    public static TheoryData<string, string[]> Rules()
    {
        var rules = new TheoryData<string, string[]>();
        for (var i = 0; i < Pipeline.Length; i++)
        {
            var stage = Pipeline[i];
            string[] forbidden =
            [
                .. Pipeline.Skip(i + 1).Where(later => !Feeds.Contains((stage, later))),
                // A sink does not name what feeds it (no cycle).
                .. Feeds.Where(f => f.Sink == stage).Select(f => f.Stage),
                .. Composition,
                // Stages do not know who is asking (Auth) or how the port is served (Tls).
                "Auth",
                "Tls",
            ];
            rules.Add(stage, forbidden);
        }

        foreach (var (folder, forbidden) in Side)
        {
            rules.Add(folder, [.. forbidden, .. Composition]);
        }

        return rules;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_folder_imports_no_later_stage(string folder, string[] forbidden)
    {
        var files = Directory.GetFiles(Path.Combine(Repo.Root, Program, folder), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);

        var violations = files
            .SelectMany(f => References(File.ReadAllText(f)).Where(forbidden.Contains).Select(n => $"{Path.GetRelativePath(Repo.Root, f)} → {n}"))
            .Distinct()
            .ToList();

        Assert.Empty(violations);
    }

    [Fact]
    public void Every_folder_has_a_place_in_the_table()
    {
        var placed = Pipeline.Concat(Composition).Concat(Side.Select(s => s.Folder)).ToHashSet(StringComparer.Ordinal);
        var folders = Directory.GetDirectories(Path.Combine(Repo.Root, Program))
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj" or "Properties"))
            .ToList();

        Assert.NotEmpty(folders);
        Assert.All(folders, f => Assert.Contains(f!, placed));
    }

    [Fact]
    public void The_pipeline_rules_forbid_each_later_stage_except_the_store_the_sources_write_into()
    {
        var rules = Rules().ToDictionary(r => (string)r[0], r => (string[])r[1]);

        Assert.DoesNotContain("Store", rules["Sources"]);
        Assert.Contains("Catalog", rules["Sources"]);
        Assert.Contains("Api", rules["Sources"]);
        Assert.Contains("Catalog", rules["Store"]);
        Assert.Contains("Sources", rules["Store"]);
        Assert.Contains("Api", rules["Catalog"]);
        Assert.DoesNotContain("Sources", rules["Catalog"]);
        Assert.Contains("Hosting", rules["Api"]);
    }

    [Fact]
    public void References_are_found_in_usings_and_qualified_names_but_not_in_comments()
    {
        const string source = """
            using Autoscale.MetricsAdapter.Catalog;
            using k8s.Models;
            // Autoscale.MetricsAdapter.Hosting is only mentioned
            /// <see cref="Autoscale.MetricsAdapter.Api.AdapterApi"/>
            var x = new Autoscale.MetricsAdapter.Store.MetricStore();
            var name = "Autoscale.MetricsAdapterX.Api";
            """;

        Assert.Equal(["Catalog", "Store"], References(source).Order(StringComparer.Ordinal));
    }

    /// <summary>The top-level adapter namespaces a source file refers to outside comments.</summary>
    private static IEnumerable<string> References(string source)
    {
        var code = string.Join('\n', source.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        foreach (Match m in AdapterNamespace().Matches(code))
        {
            yield return m.Groups[1].Value;
        }
    }

    [GeneratedRegex(@"\bAutoscale\.MetricsAdapter\.([A-Za-z]+)\b")]
    private static partial Regex AdapterNamespace();
}
