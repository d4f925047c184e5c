using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Sources.Exposition;

namespace Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

/// <summary>
/// What a sample's labels say about where it goes: the model (<c>model_name</c>), for a GPU exporter the workload pod
/// (<c>pod</c>/<c>namespace</c>, or <c>exported_pod</c>/<c>exported_namespace</c> when a Prometheus relabelled them),
/// and for a histogram bucket its upper bound (<c>le</c>). Strings are interned. <see cref="Labels"/> identifies the
/// whole label set (see <see cref="SeriesHash"/>) to find duplicate series.
/// </summary>
internal readonly record struct SampleKey(string? Model, string? Namespace, string? Pod, double Bound, ulong Labels)
{
    public static SampleKey Read(in ExpositionSample sample, TargetKind kind, LabelStrings strings, Span<byte> scratch)
    {
        string? model = null, ns = null, pod = null, exportedNs = null, exportedPod = null;
        double bound = double.NaN;
        ulong labels = 0;
        foreach (ExpositionLabel label in sample.EnumerateLabels(scratch))
        {
            ReadOnlySpan<byte> name = label.Name;
            labels += SeriesHash.Label(name, label.Value);
            if (name.SequenceEqual("model_name"u8))
            {
                model = strings.Get(label.Value);
            }
            else if (name.SequenceEqual("le"u8))
            {
                bound = ExpositionNumber.TryParseValue(label.Value, out double le) ? le : double.NaN;
            }
            else if (kind == TargetKind.GpuExporter && !label.Value.IsEmpty)
            {
                if (name.SequenceEqual("pod"u8))
                {
                    pod = strings.Get(label.Value);
                }
                else if (name.SequenceEqual("namespace"u8))
                {
                    ns = strings.Get(label.Value);
                }
                else if (name.SequenceEqual("exported_pod"u8))
                {
                    exportedPod = strings.Get(label.Value);
                }
                else if (name.SequenceEqual("exported_namespace"u8))
                {
                    exportedNs = strings.Get(label.Value);
                }
            }
        }

        return exportedPod is not null && exportedNs is not null
            ? new SampleKey(model, exportedNs, exportedPod, bound, labels)
            : new SampleKey(model, ns, pod, bound, labels);
    }
}

