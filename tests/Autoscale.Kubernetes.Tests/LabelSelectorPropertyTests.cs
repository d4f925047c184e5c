using System.Text;

namespace Autoscale.Kubernetes.Tests;

/// <summary>
/// Seeded generators: random valid selectors are checked against an independent model (requirements and matching),
/// and must survive Parse(ToString()); random garbage must never escape as anything but FormatException.
/// </summary>
public sealed class LabelSelectorPropertyTests
{
    private static readonly string[] Keys = ["a", "b", "app", "in", "notin", "example.com/x", "k8s.io/name-1", "Z_9.z"];
    private static readonly string[] Values = ["", "a", "b", "v1", "in", "notin", "1", "10", "llama-3.1_8b"];
    private static readonly string[] LabelValues = ["", "a", "b", "v1", "in", "1", "10", "-3", "+4", "15", "x y", "99999999999999999999"];
    private static readonly string[] Blanks = ["", "", "", " ", "  ", "\t", "\n", "\r"];

    private sealed record ModelRequirement(string Key, SelectorOperator Operator, string[] Values, long Bound);

    [Fact]
    public void Random_valid_selectors_parse_to_the_model_and_round_trip()
    {
        var random = new Random(1234);
        for (int i = 0; i < 3000; i++)
        {
            (string text, List<ModelRequirement> model) = Generate(random);

            Assert.True(LabelSelector.TryParse(text, out LabelSelector selector, out string? error), $"{Show(text)}: {error}");
            AssertSameRequirements(model, selector.Requirements, text);

            string canonical = selector.ToString();
            LabelSelector reparsed = LabelSelector.Parse(canonical);
            AssertSameRequirements(model, reparsed.Requirements, canonical);
            Assert.Equal(canonical, reparsed.ToString());

            for (int j = 0; j < 8; j++)
            {
                Dictionary<string, string> labels = RandomLabels(random);
                bool expected = model.TrueForAll(r => ModelMatches(r, labels));
                Assert.Equal(expected, selector.Matches(labels));
                Assert.Equal(expected, reparsed.Matches(labels));
            }
        }
    }

    [Fact]
    public void Random_garbage_never_throws_anything_but_FormatException()
    {
        string[] pieces = ["a", "b", "=", "==", "!", "!=", "(", ")", ",", ">", "<", "in", "notin", " ", "\t", "\0", "-", "_", ".", "/",
            "1", "é", "\u00a0", "\"", "x", "example.com/", "|", ";", "\ud800", "in (", "notin ()"];
        var random = new Random(99);
        int parsed = 0;
        for (int i = 0; i < 5000; i++)
        {
            var builder = new StringBuilder();
            int count = random.Next(0, 12);
            for (int j = 0; j < count; j++)
            {
                builder.Append(random.Next(10) == 0 ? (char)random.Next(0, 0x3000) : pieces[random.Next(pieces.Length)]);
            }

            string text = builder.ToString();
            bool ok = LabelSelector.TryParse(text, out LabelSelector selector, out string? error);
            if (ok)
            {
                parsed++;
                Assert.Null(error);
                Assert.Equal(selector.ToString(), LabelSelector.Parse(selector.ToString()).ToString());
                selector.Matches(RandomLabels(random));
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(error));
                FormatException thrown = Assert.Throws<FormatException>(() => LabelSelector.Parse(text));
                Assert.Equal(error, thrown.Message);
            }
        }

        // The generator must exercise both outcomes to mean anything.
        Assert.InRange(parsed, 100, 4900);
    }

    private static (string Text, List<ModelRequirement> Model) Generate(Random random)
    {
        var parts = new List<string>();
        var model = new List<ModelRequirement>();
        int count = random.Next(1, 6);
        for (int i = 0; i < count; i++)
        {
            string key = Keys[random.Next(Keys.Length)];
            string Blank() => Blanks[random.Next(Blanks.Length)];
            switch (random.Next(9))
            {
                case 0:
                    parts.Add(key);
                    model.Add(new(key, SelectorOperator.Exists, [], 0));
                    break;
                case 1:
                    parts.Add("!" + Blank() + key);
                    model.Add(new(key, SelectorOperator.DoesNotExist, [], 0));
                    break;
                case 2 or 3 or 4:
                {
                    (string symbol, SelectorOperator op) = random.Next(3) switch
                    {
                        0 => ("=", SelectorOperator.Equals),
                        1 => ("==", SelectorOperator.DoubleEquals),
                        _ => ("!=", SelectorOperator.NotEquals),
                    };
                    string value = Values[random.Next(Values.Length)];
                    parts.Add(key + Blank() + symbol + Blank() + value);
                    model.Add(new(key, op, [value], 0));
                    break;
                }

                case 5 or 6:
                {
                    bool @in = random.Next(2) == 0;
                    string[] chosen = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Values[random.Next(Values.Length)])];
                    string[] distinct = [.. chosen.Distinct().Order(StringComparer.Ordinal)];
                    parts.Add(key + " " + (@in ? "in" : "notin") + Blank() + "(" + Blank() + RenderSet(random, distinct) + Blank() + ")");
                    model.Add(new(key, @in ? SelectorOperator.In : SelectorOperator.NotIn, distinct, 0));
                    break;
                }

                default:
                {
                    bool gt = random.Next(2) == 0;
                    long bound = random.Next(0, 20);
                    parts.Add(key + Blank() + (gt ? ">" : "<") + Blank() + bound.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    model.Add(new(key, gt ? SelectorOperator.GreaterThan : SelectorOperator.LessThan, [bound.ToString(System.Globalization.CultureInfo.InvariantCulture)], bound));
                    break;
                }
            }
        }

        string separator = random.Next(2) == 0 ? "," : " , ";
        string text = Blanks[random.Next(Blanks.Length)] + string.Join(separator, parts) + Blanks[random.Next(Blanks.Length)];
        return (text, [.. model.OrderBy(r => r.Key, StringComparer.Ordinal)]);
    }

    /// <summary>Values of a set as selector text; the empty value is an empty entry placed where upstream accepts it.</summary>
    private static string RenderSet(Random random, string[] values)
    {
        string[] nonEmpty = [.. values.Where(v => v.Length != 0).OrderBy(_ => random.Next())];
        if (nonEmpty.Length == values.Length)
        {
            return string.Join(",", nonEmpty);
        }

        if (nonEmpty.Length == 0)
        {
            return random.Next(2) == 0 ? "" : ",";
        }

        return random.Next(3) switch
        {
            0 => "," + string.Join(",", nonEmpty),
            1 => string.Join(",", nonEmpty) + ",",
            _ => nonEmpty.Length > 1 ? nonEmpty[0] + ",," + string.Join(",", nonEmpty[1..]) : "," + nonEmpty[0],
        };
    }

    private static Dictionary<string, string> RandomLabels(Random random)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        int count = random.Next(0, Keys.Length + 1);
        for (int i = 0; i < count; i++)
        {
            labels[random.Next(5) == 0 ? "other" : Keys[random.Next(Keys.Length)]] = LabelValues[random.Next(LabelValues.Length)];
        }

        return labels;
    }

    /// <summary>The matching rules restated independently of the implementation.</summary>
    private static bool ModelMatches(ModelRequirement requirement, Dictionary<string, string> labels)
    {
        bool present = labels.TryGetValue(requirement.Key, out string? value);
        return requirement.Operator switch
        {
            SelectorOperator.Exists => present,
            SelectorOperator.DoesNotExist => !present,
            SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.In => present && requirement.Values.Contains(value),
            SelectorOperator.NotEquals or SelectorOperator.NotIn => !present || !requirement.Values.Contains(value),
            SelectorOperator.GreaterThan => present && IsGoInt(value!, out long g) && g > requirement.Bound,
            SelectorOperator.LessThan => present && IsGoInt(value!, out long l) && l < requirement.Bound,
            _ => throw new InvalidOperationException(),
        };
    }

    private static bool IsGoInt(string text, out long value)
    {
        value = 0;
        string digits = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit)
            && long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    private static void AssertSameRequirements(List<ModelRequirement> expected, IReadOnlyList<LabelRequirement> actual, string text)
    {
        Assert.True(expected.Count == actual.Count, $"{Show(text)}: {expected.Count} vs {actual.Count} requirements");
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Key, actual[i].Key);
            Assert.Equal(expected[i].Operator, actual[i].Operator);
            Assert.Equal(expected[i].Values, actual[i].Values);
        }
    }

    private static string Show(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
