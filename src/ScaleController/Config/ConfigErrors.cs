namespace Autoscale.ScaleController.Config;

/// <summary>Collects every problem in one pass so the SRE sees all of them, each prefixed by the field's path.</summary>
internal sealed class ConfigErrors
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string path, string message) => _errors.Add($"{(path.Length == 0 ? "(root)" : path)}: {message}");
}
