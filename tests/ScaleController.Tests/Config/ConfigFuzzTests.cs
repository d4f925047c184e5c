using System.Text.RegularExpressions;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace Autoscale.ScaleController.Tests.Config;

/// <summary>
/// Issue #12's config fuzz for the controller: thousands of seeded mutations of the shipped configs, each read
/// through the real reload path (<see cref="FileConfigWatcher"/> → <see cref="ConfigFeed"/> → <see cref="ConfigStore"/>).
/// Nothing escapes, a refusal keeps the last good config and names a field.
/// </summary>
public sealed partial class ConfigFuzzTests : IDisposable
{
    private const int Mutants = 2000;
    private readonly string _dir = Directory.CreateTempSubdirectory("controller-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Thousands_of_mutated_configs_swapped_in_live_never_stop_the_controller()
    {
        var root = Repo.Root;
        string[] seeds =
        [
            .. new[] { Path.Combine(root, "src", "ScaleController", "Config", "example-config.yaml") }
                .Concat(Directory.GetFiles(Path.Combine(root, "bench", "LoadTest", "configs"), "*.yaml"))
                .Select(File.ReadAllText)
                .Where(text => ConfigLoader.Load(text).IsValid),
        ];
        Assert.True(seeds.Length >= 2, $"only {seeds.Length} shipped configs load");
        var path = Path.Combine(_dir, "config.yaml");
        var store = new ConfigStore(NullLogger<ConfigStore>.Instance);
        var feed = new ConfigFeed(store, new ControllerMetrics(Metrics.NewCustomRegistry()));
        var watcher = new FileConfigWatcher(path, feed, TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger<FileConfigWatcher>.Instance);
        await File.WriteAllTextAsync(path, seeds[0]);
        await watcher.ReadAsync(CancellationToken.None);
        Assert.True(feed.Valid);

        var mutator = new ConfigMutator(seed: 20261207);
        int refused = 0, accepted = 0;
        for (int i = 1; i <= Mutants; i++)
        {
            var text = mutator.Mutate(seeds[i % seeds.Length]);
            var before = store.Current;
            await File.WriteAllTextAsync(path, text);
            await watcher.ReadAsync(CancellationToken.None);
            if (feed.Valid)
            {
                accepted++;
                continue;
            }

            refused++;
            Assert.Same(before, store.Current);
            foreach (var error in store.Error ?? ["(no error recorded)"])
            {
                Assert.False(error.Contains("could not be read (", StringComparison.Ordinal), $"mutant {i} hit a reader bug: {error}");
                Assert.True(NamesAField().IsMatch(error), $"mutant {i} refused without naming a field: {error[..Math.Min(error.Length, 300)]}");
            }
        }

        Assert.InRange(refused, Mutants / 4, Mutants);
        Assert.InRange(accepted, Mutants / 20, Mutants);
        await File.WriteAllTextAsync(path, seeds[1]);
        await watcher.ReadAsync(CancellationToken.None);
        Assert.True(feed.Valid);
    }

    // "workloads[0].scaleDown.minWindowSeconds: message", or "(root): message" for what belongs to no field.
    [GeneratedRegex(@"^(\(root\)|\S[^;]*?): \S")]
    private static partial Regex NamesAField();
}
