using System.Text;

namespace Autoscale.Hosting.Flags;

/// <summary>
/// The flags of one command, declared once: <see cref="Parse"/> reads <c>--name value</c>, <c>--name=value</c>,
/// booleans (<c>--name</c>, <c>--name=false</c>, as Go's flag package: never the next argument), repeats and declared
/// aliases (<c>-n</c>); <see cref="Help"/> lists the same declarations. Anything else is a <see cref="FlagException"/>
/// naming the flag, which a program reports with exit code 2.
/// </summary>
public sealed class FlagSet
{
    private const int MaxColumn = 42;
    private readonly List<Flag> _flags = [];
    private readonly Dictionary<string, Flag> _byToken = new(StringComparer.Ordinal);

    /// <summary>A flag that takes a value, shown in the help as <c>--name=PLACEHOLDER</c>.</summary>
    /// <param name="help">One or more lines (<c>\n</c>); continuation lines are indented under the first.</param>
    public FlagSet Value(string name, string placeholder, string help) => Add(new Flag(name, placeholder, help));

    /// <summary>A boolean flag: <c>--name</c> is true, <c>--name=false</c> false.</summary>
    public FlagSet Bool(string name, string help) => Add(new Flag(name, null, help));

    /// <summary>Flags a shared declaration adds (e.g. <c>LogSettings.Declare</c>), in the chain.</summary>
    public FlagSet Also(Func<FlagSet, FlagSet> declare)
    {
        ArgumentNullException.ThrowIfNull(declare);
        return declare(this);
    }

    /// <summary>Another spelling of a declared flag (<c>-n</c> for <c>--namespace</c>); listed beside it unless hidden.</summary>
    public FlagSet Alias(string token, string name, bool hidden = false)
    {
        var flag = _byToken.GetValueOrDefault("--" + name) ?? throw new ArgumentException($"no flag --{name} to alias", nameof(name));
        _byToken.Add(token, flag);
        if (!hidden)
        {
            flag.Aliases.Add(token);
        }

        return this;
    }

    /// <param name="operands">Whether arguments that are not flags are taken (in <see cref="ParsedFlags.Operands"/>) or refused.</param>
    /// <exception cref="FlagException">An unknown flag, a missing or bad value, or an operand where none is taken.</exception>
    public ParsedFlags Parse(IReadOnlyList<string> args, bool operands = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        var given = new List<(string, string)>();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-")
            {
                rest.Add(operands ? arg : throw new FlagException($"unexpected argument \"{arg}\""));
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var token = eq < 0 ? arg : arg[..eq];
            string? inline = eq < 0 ? null : arg[(eq + 1)..];
            if (!_byToken.TryGetValue(token, out var flag))
            {
                throw new FlagException($"unknown flag {token}");
            }

            if (flag.Placeholder is null)
            {
                given.Add((flag.Name, GoBool(flag, inline) ? "true" : "false"));
            }
            else if (inline is not null)
            {
                given.Add((flag.Name, inline));
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                given.Add((flag.Name, args[++i]));
            }
            else
            {
                throw new FlagException($"flag --{flag.Name} needs a value");
            }
        }

        return new ParsedFlags(given, rest);
    }

    /// <summary>One line per flag (<c>  -n, --namespace=NS   what it does</c>), in declaration order.</summary>
    public string Help()
    {
        var lefts = _flags.Select(Left).ToList();
        var column = Math.Min(MaxColumn, lefts.Max(l => l.Length) + 2);
        var text = new StringBuilder();
        for (var i = 0; i < _flags.Count; i++)
        {
            var lines = _flags[i].Help.Split('\n');
            text.Append(lefts[i].PadRight(column - 2)).Append("  ").Append(lines[0]).Append('\n');
            foreach (var line in lines.Skip(1))
            {
                text.Append(' ', column).Append(line).Append('\n');
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    private FlagSet Add(Flag flag)
    {
        _flags.Add(flag);
        _byToken.Add("--" + flag.Name, flag);
        return this;
    }

    private static string Left(Flag flag)
    {
        var names = string.Concat(flag.Aliases.Select(a => a + ", ")) + "--" + flag.Name;
        return "  " + (flag.Placeholder is null ? names : $"{names}={flag.Placeholder}");
    }

    /// <summary>Go's <c>strconv.ParseBool</c>, as kube flags read booleans; bare means true.</summary>
    private static bool GoBool(Flag flag, string? value) => value switch
    {
        null or "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw new FlagException($"flag --{flag.Name}: \"{value}\" is not a boolean (true or false)"),
    };

    private sealed record Flag(string Name, string? Placeholder, string Help)
    {
        public List<string> Aliases { get; } = [];
    }
}
