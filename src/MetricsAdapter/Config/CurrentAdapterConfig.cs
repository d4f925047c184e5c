using Prometheus;

namespace Autoscale.MetricsAdapter.Config;

/// <summary>
/// The current <see cref="AdapterConfig"/>, swapped atomically. Readers take <see cref="Current"/>; consumers that must
/// react (the scrape stage, discovery) await <see cref="Changed"/> or handle <see cref="Reloaded"/>. A rejected
/// text leaves the last good config in place and is explained in <see cref="LastError"/> and
/// <c>autoscale_adapter_config_valid</c> = 0.
/// </summary>
internal sealed class CurrentAdapterConfig
{
    private readonly Gauge _valid;
    private AdapterConfig _current;
    private string? _currentText;
    private string? _lastError;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="initialText">The text <paramref name="initial"/> was parsed from, if any: re-applying it is a no-op.</param>
    public CurrentAdapterConfig(AdapterConfig initial, CollectorRegistry registry, string? initialText = null)
    {
        _current = initial;
        _currentText = initialText;
        _valid = Metrics.WithCustomRegistry(registry).CreateGauge(
            "autoscale_adapter_config_valid", "1 when the config file last read was valid; 0 while an invalid edit is refused (the last good one is used).");
        _valid.Set(1);
    }

    public AdapterConfig Current => Volatile.Read(ref _current);

    /// <summary>Why the last text was refused; null while the file is valid.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    public bool IsValid => LastError is null;

    /// <summary>Completes at the next accepted change after it was read.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    /// <summary>Raised after an accepted change, on the thread that applied it.</summary>
    public event Action<AdapterConfig>? Reloaded;

    /// <summary>Parses and applies a new text. Returns false (keeping the current config) when it is invalid.</summary>
    public bool TryApply(string yaml, out string? error)
    {
        if (yaml == _currentText)
        {
            // Back to the text in use (e.g. a bad edit reverted): valid again, nothing changes.
            error = null;
            Volatile.Write(ref _lastError, null);
            _valid.Set(1);
            return true;
        }

        if (!AdapterConfigReader.TryRead(yaml, out var next, out var errors))
        {
            error = string.Join("; ", errors);
            Volatile.Write(ref _lastError, error);
            _valid.Set(0);
            return false;
        }

        error = null;
        Volatile.Write(ref _lastError, null);
        _valid.Set(1);
        _currentText = yaml;
        Volatile.Write(ref _current, next);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        Reloaded?.Invoke(next);
        return true;
    }
}
