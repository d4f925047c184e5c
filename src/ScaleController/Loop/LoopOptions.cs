namespace Autoscale.ScaleController.Loop;

/// <summary>A round every <see cref="Interval"/>, and <see cref="Debounce"/> after a burst of watch changes.</summary>
internal sealed record LoopOptions(TimeSpan Interval, TimeSpan Debounce)
{
    public static LoopOptions Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
}
