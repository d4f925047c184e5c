using Autoscale.Hosting;

namespace Autoscale.ScaleController.Tests.Config;

/// <summary>
/// <c>--config=FILE</c> reloads through <see cref="WatchedFile"/> in both programs: a kubelet ConfigMap update swaps the
/// <c>..data</c> symlink to a new directory while the file's own link stays as it was, and must still be seen.
/// </summary>
public sealed class WatchedFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autoscale-watched-").FullName;

    [Fact]
    public void A_kubelet_symlink_swap_is_a_change_and_an_untouched_file_is_not()
    {
        var modified = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        Version("..2026_12_01_a", "interval: 10s\n", modified);
        Directory.CreateSymbolicLink(Path.Combine(_dir, "..data"), "..2026_12_01_a");
        File.CreateSymbolicLink(Path.Combine(_dir, "config.yaml"), Path.Combine("..data", "config.yaml"));
        var file = new WatchedFile(Path.Combine(_dir, "config.yaml"));

        Assert.Equal("interval: 10s\n", file.ReadIfChanged());
        Assert.Null(file.ReadIfChanged());

        // Same size and modification time, new directory: only the resolved path tells them apart.
        Version("..2026_12_01_b", "interval: 20s\n", modified);
        // kubelet renames a new link over ..data (atomically); deleting and relinking is the same change to a reader.
        File.Delete(Path.Combine(_dir, "..data"));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "..data"), "..2026_12_01_b");

        Assert.Equal("interval: 20s\n", file.ReadIfChanged());
        Assert.Null(file.ReadIfChanged());
    }

    [Fact]
    public void A_missing_file_throws_and_is_read_once_it_appears()
    {
        var file = new WatchedFile(Path.Combine(_dir, "config.yaml"));

        Assert.ThrowsAny<IOException>(() => file.ReadIfChanged());
        File.WriteAllText(Path.Combine(_dir, "config.yaml"), "dryRun: true\n");
        Assert.Equal("dryRun: true\n", file.ReadIfChanged());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Version(string name, string text, DateTime modified)
    {
        var path = Path.Combine(_dir, name, "config.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, modified);
    }
}
