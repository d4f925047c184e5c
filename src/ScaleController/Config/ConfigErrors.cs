namespace Autoscale.ScaleController.Config;

/// <summary>Collects every problem in one pass so the SRE sees all of them, each prefixed by the field's path.</summary>
internal sealed class ConfigErrors
{
    private readonly List<string> errors = [];

    public IReadOnlyList<string> All => errors;

    public bool Any => errors.Count > 0;

    public void Add(string path, string message) => errors.Add($"{(path.Length == 0 ? "(root)" : path)}: {message}");
}
