using System.Text;
using System.Text.RegularExpressions;

namespace Autoscale.Kubectl.Tests.Docs;

/// <summary>
/// docs/troubleshooting.md read as a script: each section (its GitHub anchor) with its commands, one per <c>sh</c>
/// block, each followed by the <c>text</c> block of output it should print (<c>…</c> is a wildcard).
/// </summary>
internal sealed partial record TroubleshootingPage(IReadOnlyList<TroubleshootingPage.Section> Sections)
{
    public sealed record Step(string Command, IReadOnlyList<string> Expected);

    public sealed record Section(string Anchor, IReadOnlyList<Step> Steps);

    public static string Path => System.IO.Path.Combine(RepoRoot(), "docs", "troubleshooting.md");

    public static TroubleshootingPage Load()
    {
        var lines = File.ReadAllLines(Path);
        var sections = new List<Section>();
        var anchor = "";
        var steps = new List<Step>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                sections.Add(new Section(anchor, steps));
                (anchor, steps) = (Anchor(lines[i][3..]), []);
            }
            else if (lines[i] == "```sh")
            {
                var command = Block(lines, ref i);
                Assert.True(command.Count == 1, $"one command per sh block (line {i}): {string.Join(" | ", command)}");
                while (++i < lines.Length && lines[i].Length == 0)
                {
                }

                Assert.True(i < lines.Length && lines[i] == "```text", $"the command `{command[0]}` needs its expected output in a text block right after it");
                steps.Add(new Step(command[0], Block(lines, ref i).Where(l => l.Trim().Length > 0).ToList()));
            }
        }

        sections.Add(new Section(anchor, steps));
        return new TroubleshootingPage(sections);
    }

    /// <summary>GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens.</summary>
    public static string Anchor(string heading) =>
        NotAnchor().Replace(heading.Trim().ToLowerInvariant(), "").Replace(' ', '-');

    /// <summary>Each expected line, in order, somewhere in the output (a line of it, … matching anything).</summary>
    public static string? Mismatch(IReadOnlyList<string> expected, string output)
    {
        var lines = output.Split('\n');
        var at = 0;
        foreach (var line in expected)
        {
            var pattern = new Regex(string.Join(".*?", line.Trim().Split('…').Select(Regex.Escape)));
            while (at < lines.Length && !pattern.IsMatch(lines[at]))
            {
                at++;
            }

            if (at == lines.Length)
            {
                return line;
            }

            at++;
        }

        return null;
    }

    /// <summary>A command line split as a shell would: spaces separate, double quotes group.</summary>
    public static IReadOnlyList<string> Words(string command)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in command)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static List<string> Block(string[] lines, ref int i)
    {
        var block = new List<string>();
        while (++i < lines.Length && lines[i] != "```")
        {
            block.Add(lines[i]);
        }

        return block;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Autoscale.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Autoscale.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"[^a-z0-9 \-]")]
    private static partial Regex NotAnchor();
}
