namespace Autoscale.ScaleController.Config;

/// <summary>Either a valid config or every error found, each naming its field.</summary>
public sealed record ConfigLoadResult(ControllerConfig? Config, IReadOnlyList<string> Errors)
{
    public bool IsValid => Config is not null;
}
