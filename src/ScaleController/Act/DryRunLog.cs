using Autoscale.ScaleController.Decide.Decisions;

namespace Autoscale.ScaleController.Act;

/// <summary>
/// Dry-run decisions repeat every round while nothing changes; each is logged when it first appears and again
/// only after it has disappeared for a round.
/// </summary>
internal sealed class DryRunLog
{
    private HashSet<string> _previous = new(StringComparer.Ordinal);

    /// <summary>Returns the decisions of this round that were not in the previous round.</summary>
    public IReadOnlyList<Decision> NewThisRound(IEnumerable<Decision> dryRun)
    {
        var current = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<Decision>();
        foreach (var decision in dryRun)
        {
            var text = decision.ToString();
            if (current.Add(text) && !_previous.Contains(text))
            {
                fresh.Add(decision);
            }
        }

        _previous = current;
        return fresh;
    }
}
