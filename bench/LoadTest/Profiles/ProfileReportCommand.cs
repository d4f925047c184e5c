using Autoscale.LoadTest.Cli;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Profiles;

/// <summary><c>profile-report [--json FILE]</c>: prints <see cref="ProfileReport"/> for every profile.</summary>
internal static class ProfileReportCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        string? json = null;
        for (var i = 1; i < args.Count; i++)
        {
            json = args[i] switch
            {
                "--json" when i + 1 < args.Count => args[++i],
                _ => throw new CliUsageException($"profile-report: unexpected argument '{args[i]}' (usage: profile-report [--json FILE])"),
            };
        }

        var rows = ProfileReport.Build(ReplicaProfiles.All);
        output.Write(ProfileReport.ToTable(rows));
        if (json is not null)
        {
            File.WriteAllText(json, ProfileReport.ToJson(rows));
        }

        return 0;
    }
}
