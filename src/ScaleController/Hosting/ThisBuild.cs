using Autoscale.Hosting;

namespace Autoscale.ScaleController.Hosting;

/// <summary>This program's own build (version, commit, runtime), read once from its assembly.</summary>
internal static class ThisBuild
{
    public static BuildInfo Current { get; } = BuildInfo.Of(typeof(ThisBuild).Assembly);
}
