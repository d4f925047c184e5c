using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;
using Autoscale.MetricsAdapter.Store;
namespace Autoscale.MetricsAdapter.Tests.Sources.Scrape.Mapping;

/// <summary>
/// Mapped pages as text, one served series a line (<c>ns/pod metric{labels} value @unixms</c>), compared with a reviewed
/// file in Golden/. AUTOSCALE_UPDATE_GOLDEN=1 rewrites them (then review the diff).
/// </summary>
internal static class MappingGolden
{
    public static string Render(IReadOnlyList<MappedPod> pods)
    {
        var lines = new List<string>();
        foreach (var pod in pods)
        {
            foreach (var s in pod.Series)
            {
                var labels = string.Join(',', s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""));
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{pod.Pod} {s.Metric}{{{labels}}} {s.Sample.Value:R} @{s.Sample.Timestamp.ToUnixTimeMilliseconds()}"));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    public static void Assert(string name, IReadOnlyList<MappedPod> pods, [CallerFilePath] string callerFile = "")
    {
        var actual = Render(pods);
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, "Golden", name + ".mapped");
        if (Environment.GetEnvironmentVariable("AUTOSCALE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Xunit.Assert.True(File.Exists(path), $"golden file {path} is missing (run with AUTOSCALE_UPDATE_GOLDEN=1 and review it)");
        Xunit.Assert.Equal(File.ReadAllText(path), actual);
    }
}
