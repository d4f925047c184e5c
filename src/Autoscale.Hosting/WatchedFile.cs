namespace Autoscale.Hosting;

/// <summary>
/// A config file read again on every poll only when it changed: its resolved path, size and modification time. The
/// resolved path catches a ConfigMap update, where kubelet swaps the <c>..data</c> symlink to a new directory and the
/// file's own link never changes. Both programs' <c>--config=FILE</c> reload through it.
/// </summary>
public sealed class WatchedFile(string path)
{
    private (string Target, long Size, DateTime Modified)? _seen;

    public string Path { get; } = path;

    /// <summary>The text when the file changed since the last successful read; null when it did not.</summary>
    /// <exception cref="IOException">The file cannot be read (it is then read again on the next poll).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public string? ReadIfChanged()
    {
        var target = Resolve(Path);
        var info = new FileInfo(target);
        var fingerprint = (target, info.Length, info.LastWriteTimeUtc);
        if (_seen == fingerprint)
        {
            return null;
        }

        var text = File.ReadAllText(target);
        _seen = fingerprint;
        return text;
    }

    // The file's link, then its directory's (kubelet: config.yaml -> ..data/config.yaml, ..data -> ..2026_01_02_.../).
    private static string Resolve(string file)
    {
        var target = File.ResolveLinkTarget(file, returnFinalTarget: true)?.FullName ?? System.IO.Path.GetFullPath(file);
        var directory = System.IO.Path.GetDirectoryName(target)!;
        var realDirectory = Directory.ResolveLinkTarget(directory, returnFinalTarget: true)?.FullName ?? directory;
        return System.IO.Path.Combine(realDirectory, System.IO.Path.GetFileName(target));
    }
}
