using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autoscale.MetricsAdapter.Tests.Support;

/// <summary>
/// Golden files: the reply, pretty-printed, must equal the reviewed file byte for byte. Set AUTOSCALE_UPDATE_GOLDEN=1
/// to rewrite them (then review the diff: the files are the specification).
/// </summary>
internal static class Golden
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    public static void AssertJson(string name, string actualJson, [CallerFilePath] string callerFile = "")
    {
        var actual = JsonNode.Parse(actualJson)!.ToJsonString(Pretty) + "\n";
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, "Golden", name + ".json");
        if (Environment.GetEnvironmentVariable("AUTOSCALE_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing (run with AUTOSCALE_UPDATE_GOLDEN=1 and review it)");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
