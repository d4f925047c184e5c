using Autoscale.LoadTest.Cli;
using Autoscale.VllmEmulator.Model;

namespace Autoscale.LoadTest.Tests;

/// <summary>Issue #13 item 8: <c>simulate --help</c> said "see the list below" and printed no list of profiles.</summary>
public sealed class HelpProfilesTests
{
    [Fact]
    public void Help_lists_every_replica_profile_by_the_name_profile_takes()
    {
        var help = HelpText.WithProfiles();

        Assert.Contains("see the list below", help, StringComparison.Ordinal);
        Assert.Contains("replica profiles (--profile NAME):", help, StringComparison.Ordinal);
        Assert.All(ReplicaProfiles.All, p => Assert.Contains($"\n  {p.Name} ", help, StringComparison.Ordinal));
        Assert.Contains("llama-3.1-70b-h100-tp4  ", help, StringComparison.Ordinal);
    }
}
