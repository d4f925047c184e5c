using BenchmarkDotNet.Running;

namespace Autoscale.Benchmarks;

/// <summary>Run: <c>dotnet run -c Release --project bench/Benchmarks -- --filter '*'</c> (see bench/README.md).</summary>
internal static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
