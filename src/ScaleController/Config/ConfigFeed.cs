using Autoscale.ScaleController.Telemetry;

namespace Autoscale.ScaleController.Config;

/// <summary>
/// Feeds config revisions (from the ConfigMap watch or a local file) into the <see cref="ConfigStore"/>, sets
/// <c>autoscale_controller_config_valid</c>, and remembers the latest refusal until the leader has reported it.
/// </summary>
internal sealed class ConfigFeed(ConfigStore store, ControllerMetrics metrics)
{
    public const string DataKey = "config.yaml";
    private readonly Lock _gate = new();
    private ConfigRefusal? _unreported;
    private ConfigRefusal? _refused;
    private string? _lastRevision;

    /// <summary>Raised after every accepted, refused or cleared revision.</summary>
    public event Action? Changed;

    public ConfigStore Store => store;

    /// <summary>True once a revision (or the absence of the ConfigMap) has been seen.</summary>
    public bool Loaded { get; private set; }

    public bool Valid
    {
        get
        {
            lock (_gate)
            {
                return _refused is null;
            }
        }
    }

    public void Apply(string? yaml, string revision)
    {
        lock (_gate)
        {
            if (revision == _lastRevision)
            {
                return;
            }

            _lastRevision = revision;
            var accepted = yaml is null
                ? Refuse(revision, [$"{DataKey}: missing key in the ConfigMap's data"])
                : store.Apply(yaml, revision) || Refuse(revision, store.Error ?? []);
            _refused = accepted ? null : _refused;
            metrics.ConfigValid.Set(accepted ? 1 : 0);
            Loaded = true;
        }

        Changed?.Invoke();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _lastRevision = null;
            _unreported = null;
            _refused = null;
            store.Clear();
            metrics.ConfigValid.Set(1);
            Loaded = true;
        }

        Changed?.Invoke();
    }

    /// <summary>Takes the refusal not yet reported as an Event (null if none).</summary>
    public ConfigRefusal? TakeUnreported()
    {
        lock (_gate)
        {
            var refusal = _unreported;
            _unreported = null;
            return refusal;
        }
    }

    private bool Refuse(string revision, IReadOnlyList<string> errors)
    {
        _refused = _unreported = new ConfigRefusal(revision, errors);
        return false;
    }
}
