using System.Globalization;

namespace Autoscale.MetricsAdapter.Preflight;

/// <summary>
/// Two adapters' discovery and pod values side by side. The old adapter is the one HPAs use today: a metric it serves
/// that the new one lacks, a pod value the new one does not have, or a value further apart than the tolerance makes
/// the comparison unclean (the switch would change what HPAs see). What only the new one serves is listed, not held
/// against it.
/// </summary>
internal sealed class MetricComparison(double tolerance)
{
    private readonly List<string[]> _discovery = [];
    private readonly List<string[]> _values = [];
    private int _onlyOld;
    private int _onlyNew;
    private int _both;
    private int _compared;
    private int _differ;
    private int _missing;

    public bool Clean => _onlyOld == 0 && _differ == 0 && _missing == 0;

    /// <summary>Adds discovery; returns the pod metrics both serve (to compare values for), ordered.</summary>
    public IReadOnlyList<string> AddDiscovery(IReadOnlySet<string> old, IReadOnlySet<string> @new, IReadOnlyCollection<string> only)
    {
        bool Selected(string resource) => only.Count == 0 || only.Contains(resource[(resource.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        var all = old.Union(@new).Where(Selected).Order(StringComparer.Ordinal).ToList();
        foreach (var resource in all)
        {
            var (inOld, inNew) = (old.Contains(resource), @new.Contains(resource));
            _both += inOld && inNew ? 1 : 0;
            _onlyOld += inOld && !inNew ? 1 : 0;
            _onlyNew += !inOld && inNew ? 1 : 0;
            _discovery.Add([resource, inOld ? "yes" : "-", inNew ? "yes" : "-", inOld && !inNew ? "HPAs on it lose it after the switch" : ""]);
        }

        foreach (var name in only.Where(n => !all.Any(r => r.EndsWith("/" + n, StringComparison.Ordinal))).Order(StringComparer.Ordinal))
        {
            _discovery.Add([name, "-", "-", "served by neither"]);
        }

        return [.. all.Where(r => r.StartsWith("pods/", StringComparison.Ordinal) && old.Contains(r) && @new.Contains(r)).Select(r => r["pods/".Length..])];
    }

    public void AddValues(string metric, MetricValues old, MetricValues @new)
    {
        if (old.Error is not null || @new.Error is not null)
        {
            _missing += @new.Error is not null && old.Error is null ? old.ByPod.Count : 0;
            _values.Add([metric, "*", old.Error ?? $"{old.ByPod.Count} pods", @new.Error ?? $"{@new.ByPod.Count} pods", @new.Error is not null && old.Error is null ? "not served by new" : ""]);
            return;
        }

        foreach (var pod in old.ByPod.Keys.Union(@new.ByPod.Keys).Order(StringComparer.Ordinal))
        {
            var hasOld = old.ByPod.TryGetValue(pod, out var a);
            var hasNew = @new.ByPod.TryGetValue(pod, out var b);
            string note;
            if (hasOld && hasNew)
            {
                _compared++;
                var difference = Difference(a, b);
                var beyond = difference > tolerance;
                _differ += beyond ? 1 : 0;
                note = Percent(difference) + (beyond ? " (beyond tolerance)" : "");
            }
            else
            {
                _missing += hasOld ? 1 : 0;
                note = hasOld ? "missing in new" : "missing in old";
            }

            _values.Add([metric, pod, hasOld ? Number(a) : "-", hasNew ? Number(b) : "-", note]);
        }
    }

    public async Task WriteAsync(TextWriter output, string header, string valuesHeader)
    {
        await output.WriteLineAsync(header).ConfigureAwait(false);
        await WriteTableAsync(output, ["resource", "old", "new", ""], _discovery).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(valuesHeader).ConfigureAwait(false);
        await WriteTableAsync(output, ["metric", "pod", "old", "new", "difference"], _values).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(
            $"summary: {_both} metrics in both, {_onlyOld} only in old, {_onlyNew} only in new; {_compared} pod values compared, "
            + $"{_differ} differ by more than {Percent(tolerance)}, {_missing} missing in new: {(Clean ? "the new adapter serves what the old one does" : "NOT the same")}").ConfigureAwait(false);
    }

    /// <summary>Relative difference: |a − b| / max(|a|, |b|); 0 when both are 0.</summary>
    internal static double Difference(double a, double b)
    {
        var scale = Math.Max(Math.Abs(a), Math.Abs(b));
        return scale == 0 ? 0 : Math.Abs(a - b) / scale;
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static async Task WriteTableAsync(TextWriter output, string[] heading, List<string[]> rows)
    {
        var widths = heading.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(heading))
        {
            var line = string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd();
            await output.WriteLineAsync("  " + line).ConfigureAwait(false);
        }
    }
}
