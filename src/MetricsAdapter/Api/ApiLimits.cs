namespace Autoscale.MetricsAdapter.Api;

/// <summary>Bounds on request input; larger input gets a 400, never a crash.</summary>
internal static class ApiLimits
{
    public const int MaxSelectorLength = 16 * 1024;
    public const int MaxPathLength = 4 * 1024;

    /// <summary>Characters of caller input an error message repeats at most.</summary>
    public const int MaxEchoedInputLength = 256;
}
