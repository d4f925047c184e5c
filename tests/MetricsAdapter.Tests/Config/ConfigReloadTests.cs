using Autoscale.MetricsAdapter.Config;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Autoscale.MetricsAdapter.Tests.Config;

public sealed class ConfigReloadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adapter-config-").FullName;
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Good_then_bad_then_good_keeps_the_last_good_config_meanwhile()
    {
        var path = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(path, "scrape: { interval: 2s }\n");
        var source = ConfigFileWatcher.LoadInitial(path, _registry);
        var watcher = new ConfigFileWatcher(path, source, new FakeTimeProvider(), NullLogger<ConfigFileWatcher>.Instance);
        watcher.Poll();
        Assert.True(source.IsValid);
        Assert.Equal(1, Valid());

        var changed = source.Changed;
        File.WriteAllText(path, "scrape: { interval: 4s, timeout: 1s }\n");
        watcher.Poll();
        await changed.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System);
        Assert.Equal(TimeSpan.FromSeconds(4), source.Current.Scrape.Interval);

        changed = source.Changed;
        File.WriteAllText(path, "scrape: { interval: 100ms, extra: true }\n");
        watcher.Poll();
        Assert.False(source.IsValid);
        Assert.Contains("scrape.interval: must be at least 500ms, got 100ms", source.LastError, StringComparison.Ordinal);
        Assert.Contains("scrape.extra: unknown key", source.LastError, StringComparison.Ordinal);
        Assert.Equal(0, Valid());
        Assert.Equal(TimeSpan.FromSeconds(4), source.Current.Scrape.Interval);
        Assert.False(changed.IsCompleted);

        File.WriteAllText(path, "scrape: { interval: 1s, timeout: 1s }\n# fixed\n");
        watcher.Poll();
        Assert.True(source.IsValid);
        Assert.Equal(1, Valid());
        Assert.Equal(TimeSpan.FromSeconds(1), source.Current.Scrape.Interval);
        Assert.True(changed.IsCompleted);
    }

    [Fact]
    public void A_configmap_symlink_swap_is_noticed()
    {
        // kubelet's layout: config.yaml -> ..data/config.yaml, ..data -> ..<timestamp>/, swapped atomically on update.
        var first = Directory.CreateDirectory(Path.Combine(_dir, "..2026_01_01"));
        File.WriteAllText(Path.Combine(first.FullName, "config.yaml"), "scrape: { interval: 2s }\n");
        Directory.CreateSymbolicLink(Path.Combine(_dir, "..data"), first.FullName);
        var path = Path.Combine(_dir, "config.yaml");
        File.CreateSymbolicLink(path, Path.Combine(_dir, "..data", "config.yaml"));
        var source = ConfigFileWatcher.LoadInitial(path, _registry);
        var watcher = new ConfigFileWatcher(path, source, new FakeTimeProvider(), NullLogger<ConfigFileWatcher>.Instance);
        watcher.Poll();

        var second = Directory.CreateDirectory(Path.Combine(_dir, "..2026_01_02"));
        File.WriteAllText(Path.Combine(second.FullName, "config.yaml"), "scrape: { interval: 3s }\n");
        File.SetLastWriteTimeUtc(Path.Combine(second.FullName, "config.yaml"), File.GetLastWriteTimeUtc(Path.Combine(first.FullName, "config.yaml")));
        // kubelet renames a new link over the old one; deleting and relinking gives the same end state.
        Directory.Delete(Path.Combine(_dir, "..data"));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "..data"), second.FullName);
        watcher.Poll();

        Assert.Equal(TimeSpan.FromSeconds(3), source.Current.Scrape.Interval);
    }

    [Fact]
    public void An_invalid_file_at_start_fails_the_start()
    {
        var path = Path.Combine(_dir, "config.yaml");
        File.WriteAllText(path, "scrape: { interval: fast }\n");
        Assert.Throws<ConfigException>(() => ConfigFileWatcher.LoadInitial(path, _registry));
    }

    private double Valid()
    {
        using var stream = new MemoryStream();
        _registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        var line = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n').Single(l => l.StartsWith("autoscale_adapter_config_valid ", StringComparison.Ordinal));
        return double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
