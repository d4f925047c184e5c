using System.Globalization;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Catalog;

/// <summary>
/// Answers object metrics whose value the object carries itself (<see cref="ObjectValue"/>: the planner's desired
/// replicas, the demand a router shows for the object's model) from one snapshot, with the publisher's timestamp. A
/// value older than the max age is not served, and every value that is not served says why in the NotFound Status:
/// nothing publishes it for that object, it is absent or unreadable, or it is stale (its age and the max age).
/// </summary>
internal static class ObjectValuesReader
{
    /// <param name="unpublished">Why nothing publishes a value for the object, for the NotFound Status.</param>
    public static MetricValueList ByName(MetricSnapshot snapshot, CustomMetricInfo info, ObjectKey name, TimeSpan maxAge, DateTimeOffset now, string unpublished)
    {
        var found = snapshot.Namespace(name.Namespace)?.ObjectValueOf(info.Resource, name.Name, info.Metric);
        if (found is null)
        {
            throw NotFound(info, name.Name, unpublished);
        }

        if (!TryServe(found, maxAge, now, out var value, out var why))
        {
            throw NotFound(info, name.Name, why);
        }

        var list = new MetricValueList(1);
        list.Add(value);
        return list;
    }

    /// <summary>Every object of the resource matching <paramref name="selector"/> (its workload labels, when known) that has a servable value.</summary>
    public static MetricValueList BySelector(MetricSnapshot snapshot, string ns, LabelSelector selector, CustomMetricInfo info, TimeSpan maxAge, DateTimeOffset now)
    {
        var list = new MetricValueList(4);
        if (snapshot.Namespace(ns) is { } view)
        {
            var workloads = view.WorkloadsOf(info.Resource);
            foreach (var (key, found) in view.ObjectValues)
            {
                if (key.Resource != info.Resource || key.Metric != info.Metric)
                {
                    continue;
                }

                var labels = Array.Find(workloads, w => w.Info.Name == key.Name)?.Info.Labels ?? NoLabels;
                if (selector.Matches(labels) && TryServe(found, maxAge, now, out var value, out _))
                {
                    list.Add(value);
                }
            }
        }

        if (list.Count == 0)
        {
            list.Dispose();
            throw new ApiStatusException(ApiStatus.MetricNotFoundForSelector(info.Resource, info.Metric, "*", selector.ToString()));
        }

        return list;
    }

    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    private static bool TryServe(ObjectValue found, TimeSpan maxAge, DateTimeOffset now, out MetricValue value, out string why)
    {
        value = default;
        if (found.Sample is not { } sample)
        {
            why = $"{found.Source} {found.Missing}";
            return false;
        }

        var age = now - sample.Timestamp;
        if (age > maxAge)
        {
            why = $"{found.Source} is stale: published at {Time(sample.Timestamp)}, {Seconds(age)} ago, more than the max age of {Seconds(maxAge)}";
            return false;
        }

        if (-age > maxAge)
        {
            // A clock far ahead would otherwise keep one value served for as long as it is ahead.
            why = $"{found.Source} is dated {Time(sample.Timestamp)}, {Seconds(-age)} in the future, more than the max age of {Seconds(maxAge)}";
            return false;
        }

        why = "";
        value = new MetricValue(found.Object, found.Metric, sample.Timestamp, 0, sample.Value);
        return true;
    }

    private static ApiStatusException NotFound(CustomMetricInfo info, string name, string why) =>
        new(new ApiStatus(
            $"the server could not find the metric {info.Metric} for {info.Resource} {name}: {why}", "NotFound", 404,
            new ApiStatusDetails(name, info.Resource.Group, info.Resource.Resource)));

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => $"{Math.Round(span.TotalSeconds, 1).ToString(CultureInfo.InvariantCulture)}s";
}
