namespace Autoscale.LoadTest.Config;

/// <summary>
/// The one shipped config of the <c>autoscale</c> policy, <c>configs/autoscale-planner.yaml</c>, built into the
/// simulator so that <c>simulate</c> without <c>--config</c> runs exactly it; its <c>controller:</c> document is the
/// one deploy/ installs (a test compares them).
/// </summary>
internal static class ShippedConfig
{
    public const string FileName = "autoscale-planner.yaml";

    public static string Text
    {
        get
        {
            using var stream = typeof(ShippedConfig).Assembly.GetManifestResourceStream(FileName)
                ?? throw new InvalidOperationException($"{FileName} is not built into the simulator");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    public static SimConfig Read(SimConfig defaults) =>
        SimConfigReader.Read(new StringReader(Text), $"configs/{FileName} (built in)", defaults);
}
