namespace Autoscale.ScaleController.Decide.History;

/// <summary>A workload's bounded cold-start history, ordered by Ready time (then pod name) so it encodes stably.</summary>
public sealed record ColdStartHistory(IReadOnlyList<ColdStartSample> Samples)
{
    public static ColdStartHistory Empty { get; } = new([]);

    public bool Contains(string pod)
    {
        foreach (var sample in Samples)
        {
            if (sample.Pod == pod)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds samples and keeps the newest <paramref name="capacity"/>.</summary>
    public ColdStartHistory Add(IEnumerable<ColdStartSample> added, int capacity)
    {
        var all = Samples.Concat(added)
            .OrderBy(s => s.ReadyAt)
            .ThenBy(s => s.Pod, StringComparer.Ordinal)
            .ToList();
        return new ColdStartHistory(all.Count > capacity ? all[^capacity..] : all);
    }

    /// <summary>Value equality over the samples (a record's list member compares by reference).</summary>
    public bool SameAs(ColdStartHistory other) => Samples.SequenceEqual(other.Samples);
}
