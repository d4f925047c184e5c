namespace Autoscale.Kubernetes.Yaml;

/// <summary>
/// Every problem found in one config text, each <c>path: message</c> (<c>(root)</c> for the text as a whole), so one
/// bad edit reports all its mistakes at once.
/// </summary>
public sealed class YamlErrors
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string path, string message) => _errors.Add($"{(path.Length == 0 ? "(root)" : path)}: {message}");
}
