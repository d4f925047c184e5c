namespace Autoscale.ScaleController.Loop;

/// <summary>
/// A round every <see cref="Interval"/>, and <see cref="Debounce"/> after a burst of watch changes.
/// <see cref="DryRun"/> (the <c>--dry-run</c> flag) forces dry run whatever the config says.
/// </summary>
internal sealed record LoopOptions(TimeSpan Interval, TimeSpan Debounce, bool DryRun = false)
{
    public static LoopOptions Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
}
