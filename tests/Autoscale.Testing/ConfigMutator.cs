using YamlDotNet.RepresentationModel;

namespace Autoscale.Testing;

/// <summary>
/// Seeded, deterministic mutations of a valid config file, for the config fuzz tests of both programs: type swaps,
/// hostile scalars (huge numbers, bad durations, bad selectors and regexes), unknown and missing keys, deep nesting
/// (in the tree and as 100,000 raw '['), truncation and stray characters.
/// </summary>
public sealed class ConfigMutator(int seed)
{
    private static readonly string[] Hostile =
    [
        "99999999999999999999", "99999999999999999999h", "-99999999999999999999", "1e308", "-1e308", "1e-320", ".nan", ".inf", "-.inf",
        "NaN", "-1", "0", "2147483648", "-2147483649", "9223372036854775808", "", "~", "null", "true", "no", "2s", "0ms", "1h1h1h1h",
        "0.0000001ms", "8761h", "a in (b", "!!", "=x", "app=", "a,,b", "x notin ()", "(", "[a-", "*", "(?<", "\\", "{{", "}}",
        "http://[::1", "://", "sum(", "<<.Series>>", "<<", "default", "sum", "gauge", "counter", "vllm_queue_depth", "Not_A_Name",
        new string('x', 5000), "\t", "'", "\"", "#", "&a", "*a", "%TAG",
    ];

    private readonly Random _random = new(seed);

    public string Mutate(string yaml)
    {
        int strategy = _random.Next(10);
        if (strategy == 0)
        {
            return DeepText(yaml);
        }

        if (strategy == 1)
        {
            int cut = _random.Next(yaml.Length + 1);
            return _random.Next(2) == 0 ? yaml[..cut] : yaml.Insert(cut, Pick(["[", "{", ":", "- ", "\n  ", "&x ", "*y ", "!!binary ", "'", "\"", "]", "}", "\0"]));
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = stream.Documents.Count == 0 ? new YamlMappingNode() : stream.Documents[0].RootNode;
        int operations = 1 + _random.Next(3);
        for (int i = 0; i < operations; i++)
        {
            root = MutateTree(root);
        }

        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private YamlNode MutateTree(YamlNode root)
    {
        var slots = new List<(YamlNode Node, Action<YamlNode> Replace)>();
        Collect(root, node => root = node, slots, 0);
        var (target, replace) = slots[_random.Next(slots.Count)];
        switch (_random.Next(7))
        {
            case 0 or 1:
                replace(new YamlScalarNode(Pick(Hostile)));
                break;
            case 2:
                replace(target switch
                {
                    YamlScalarNode s => _random.Next(2) == 0 ? new YamlSequenceNode(s) : new YamlMappingNode(new YamlScalarNode(s.Value ?? "k"), s),
                    YamlSequenceNode => new YamlMappingNode(new YamlScalarNode("k"), new YamlScalarNode("v")),
                    _ => new YamlScalarNode(Pick(Hostile)),
                });
                break;
            case 3 when target is YamlMappingNode map:
                map.Children[new YamlScalarNode(Pick(["bogus", "intervall", "labelselector", "Name", "rules", "url"]))] = new YamlScalarNode(Pick(Hostile));
                break;
            case 4 when target is YamlMappingNode map && map.Children.Count > 0:
                map.Children.Remove(map.Children.Keys.ElementAt(_random.Next(map.Children.Count)));
                break;
            case 5 when target is YamlSequenceNode seq && seq.Children.Count > 0:
                seq.Children.Add(seq.Children[_random.Next(seq.Children.Count)]);
                break;
            case 6:
                YamlNode nested = target;
                for (int depth = 0, levels = 60 + _random.Next(20); depth < levels; depth++)
                {
                    nested = new YamlSequenceNode(nested);
                }

                replace(nested);
                break;
            default:
                replace(new YamlScalarNode(Pick(Hostile)));
                break;
        }

        return root;
    }

    private static void Collect(YamlNode node, Action<YamlNode> replace, List<(YamlNode, Action<YamlNode>)> slots, int depth)
    {
        slots.Add((node, replace));
        if (depth > 100)
        {
            return;
        }

        switch (node)
        {
            case YamlMappingNode map:
                foreach (var key in map.Children.Keys.ToArray())
                {
                    Collect(map.Children[key], value => map.Children[key] = value, slots, depth + 1);
                }

                break;
            case YamlSequenceNode seq:
                for (int i = 0; i < seq.Children.Count; i++)
                {
                    int index = i;
                    Collect(seq.Children[i], value => seq.Children[index] = value, slots, depth + 1);
                }

                break;
        }
    }

    // Raw nesting after a random key: what no tree could be written as (100,000 '[' overflowed the reader's stack).
    private string DeepText(string yaml)
    {
        var lines = yaml.Split('\n');
        var keyed = Enumerable.Range(0, lines.Length).Where(i => lines[i].TrimEnd().EndsWith(':') || lines[i].Contains(": ", StringComparison.Ordinal)).ToArray();
        int line = keyed.Length == 0 ? 0 : keyed[_random.Next(keyed.Length)];
        int colon = lines[line].IndexOf(':', StringComparison.Ordinal);
        string deep = new string(_random.Next(2) == 0 ? '[' : '{', _random.Next(3) == 0 ? 100_000 : 65 + _random.Next(100));
        lines[line] = colon < 0 ? deep : lines[line][..(colon + 1)] + " " + deep;
        return string.Join('\n', lines);
    }

    private string Pick(string[] choices) => choices[_random.Next(choices.Length)];
}
