namespace Autoscale.MetricsAdapter.Preflight;

/// <summary>
/// Reads <c>--flag=value</c>, <c>--flag value</c> and boolean <c>--flag</c> arguments the way the adapter's serve flags
/// are read; an unknown flag is an error naming it.
/// </summary>
internal sealed class FlagReader(IReadOnlyList<string> args)
{
    private int _index = -1;
    private string? _inline;

    /// <summary>The next flag's name (without dashes), or null at the end.</summary>
    public string? Next()
    {
        if (++_index >= args.Count)
        {
            return null;
        }

        var arg = args[_index];
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"unexpected argument \"{arg}\"");
        }

        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        _inline = eq < 0 ? null : arg[(eq + 1)..];
        return eq < 0 ? arg[2..] : arg[2..eq];
    }

    public string Value(string name)
    {
        if (_inline is not null)
        {
            return _inline;
        }

        if (_index + 1 >= args.Count)
        {
            throw new ArgumentException($"flag --{name} needs a value");
        }

        return args[++_index];
    }

    /// <summary>A boolean flag: bare means true; <c>=true</c>/<c>=false</c> as Go reads them.</summary>
    public bool Bool(string name) => _inline switch
    {
        null or "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw new ArgumentException($"flag --{name}: \"{_inline}\" is not a boolean (true or false)"),
    };
}
