using System.Globalization;

namespace Autoscale.LoadTest.Profiles;

/// <summary>Reads <c>reference-points.csv</c> (shipped next to the program): simple CSV, the last column may hold commas.</summary>
internal static class ReferencePoints
{
    public const string FileName = "reference-points.csv";

    private static readonly string[] Header = ["profile", "source", "gpu", "model", "shape", "metric", "kind", "figure", "note"];

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Profiles", FileName);

    public static IReadOnlyList<ReferencePoint> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !lines[0].Split(',').SequenceEqual(Header))
        {
            throw new FormatException($"{path}: the header must be {string.Join(',', Header)}");
        }

        var points = new List<ReferencePoint>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var f = lines[i].Split(',', Header.Length);
            if (f.Length != Header.Length || f[6] is not ("point" or "upper-bound" or "none"))
            {
                throw new FormatException($"{path}:{i + 1}: expected {Header.Length} columns and kind point, upper-bound or none");
            }

            double? figure = f[7].Length == 0 ? null : double.Parse(f[7], NumberStyles.Float, CultureInfo.InvariantCulture);
            if (f[6] != "none" && figure is null)
            {
                throw new FormatException($"{path}:{i + 1}: a {f[6]} needs a figure");
            }

            points.Add(new ReferencePoint(f[0], f[1], f[2], f[3], f[4], f[5], f[6], figure, f[8]));
        }

        return points;
    }
}
