using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Autoscale.Kubernetes.Yaml;

/// <summary>
/// Loads YAML into a <see cref="YamlStream"/> after checking it against <see cref="YamlLimits"/>. YamlDotNet's tree
/// builder recurses once per nesting level, so 100,000 <c>[</c> overflow the stack and abort the process (no catch
/// can help); its event parser does not recurse, so the text is first walked as events with a depth counter, and
/// only a text within bounds is built.
/// </summary>
public static class BoundedYaml
{
    /// <exception cref="YamlLimitException">The text is over a limit, repeats a key in a mapping or uses an alias the limits refuse; the message says which and where.</exception>
    /// <exception cref="YamlException">The text is not YAML.</exception>
    public static YamlStream Load(string text, YamlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits ??= YamlLimits.Config;
        if (text.Length > limits.MaxChars)
        {
            throw new YamlLimitException("", $"the text is {text.Length} characters long, more than the {limits.MaxChars} allowed");
        }

        try
        {
            Scan(text, limits);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream;
        }
        catch (Exception e) when (e is not (YamlException or YamlLimitException or OutOfMemoryException))
        {
            // YamlDotNet's scanner throws InvalidOperationException on some malformed input (found by the config
            // fuzz test): to callers it is invalid YAML like any other.
            throw new YamlException(Mark.Empty, Mark.Empty, $"the text is not YAML that can be read ({e.Message})", e);
        }
    }

    private static void Scan(string text, YamlLimits limits)
    {
        var parser = new Parser(new StringReader(text));
        var frames = new List<Frame>();
        var anchorSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        long nodes = 0;
        YamlLimitException? firstAlias = null;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case Scalar scalar:
                    if (!Enter(frames, scalar.Value))
                    {
                        throw new YamlLimitException(PathOf(frames, includeLast: true), $"is a duplicate key (line {scalar.Start.Line}): each key once per mapping");
                    }

                    nodes++;
                    if (!scalar.Anchor.IsEmpty)
                    {
                        anchorSizes[scalar.Anchor.Value] = 1;
                    }

                    break;
                case AnchorAlias alias:
                    Enter(frames, null);
                    firstAlias ??= new YamlLimitException(PathOf(frames, includeLast: true), $"is the alias *{alias.Value.Value} (line {alias.Start.Line}): a config file spells every value out");
                    nodes += anchorSizes.TryGetValue(alias.Value.Value, out var size) ? size : 1;
                    break;
                case NodeEvent container and (SequenceStart or MappingStart):
                    Enter(frames, null);
                    nodes++;
                    frames.Add(new Frame(container is MappingStart, container.Anchor.IsEmpty ? null : container.Anchor.Value, nodes));
                    if (frames.Count > limits.MaxDepth)
                    {
                        throw new YamlLimitException(PathOf(frames), $"nested more than {limits.MaxDepth} levels deep (line {container.Start.Line})");
                    }

                    break;
                case SequenceEnd or MappingEnd when frames.Count > 0:
                    var closed = frames[^1];
                    frames.RemoveAt(frames.Count - 1);
                    if (closed.Anchor is { } anchor)
                    {
                        anchorSizes[anchor] = nodes - closed.NodesAtStart + 1;
                    }

                    break;
            }

            if (nodes > limits.MaxNodes)
            {
                throw new YamlLimitException(PathOf(frames), $"holds more than {limits.MaxNodes} nodes (aliases counted as what they stand for)");
            }
        }

        // After the walk, so an alias bomb is still reported by its size.
        if (limits.RefuseAliases && firstAlias is not null)
        {
            throw firstAlias;
        }
    }

    // A node inside the innermost container: a mapping alternates key and value; a list counts its items. False for a
    // key the mapping already holds (YamlDotNet would keep one of the two silently or throw without a path).
    private static bool Enter(List<Frame> frames, string? scalar)
    {
        if (frames.Count == 0)
        {
            return true;
        }

        var frame = frames[^1];
        if (!frame.IsMapping)
        {
            frame.Index++;
        }
        else if (frame.ExpectKey)
        {
            frame.Key = scalar ?? "?";
            frame.ExpectKey = false;
            return scalar is null || frame.Keys.Add(scalar);
        }
        else
        {
            frame.ExpectKey = true;
        }

        return true;
    }

    // The path of the innermost container (its own key or index is where the parent stands); with includeLast, of
    // the node just entered in it.
    private static string PathOf(List<Frame> frames, bool includeLast = false)
    {
        var path = new System.Text.StringBuilder();
        foreach (var frame in frames.Take(includeLast ? frames.Count : frames.Count - 1))
        {
            if (frame.IsMapping)
            {
                path.Append(path.Length == 0 ? "" : ".").Append(frame.Key);
            }
            else
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
        }

        return path.ToString();
    }

    private sealed class Frame(bool isMapping, string? anchor, long nodesAtStart)
    {
        public bool IsMapping { get; } = isMapping;

        public string? Anchor { get; } = anchor;

        public long NodesAtStart { get; } = nodesAtStart;

        public bool ExpectKey { get; set; } = true;

        public string Key { get; set; } = "?";

        public int Index { get; set; } = -1;

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
    }
}
