using Autoscale.Hosting.Flags;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Profiles;

/// <summary><c>profile-report [--json FILE]</c>: prints <see cref="ProfileReport"/> for every profile.</summary>
internal static class ProfileReportCommand
{
    private static readonly FlagSet Flags = new FlagSet().Value("json", "FILE", "also write the rows as JSON");

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var json = Flags.Parse([.. args.Skip(1)]).Get("json");

        var rows = ProfileReport.Build(ReplicaProfiles.All);
        output.Write(ProfileReport.ToTable(rows));
        if (json is not null)
        {
            File.WriteAllText(json, ProfileReport.ToJson(rows));
        }

        return 0;
    }
}
